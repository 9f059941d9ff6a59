import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.ts';

// `internal` is a second entry for @hub/provider-openai-compatible only (see src/internal.ts)
export default defineConfig(packageBuild({ entry: ['src/index.ts', 'src/internal.ts'] }));
