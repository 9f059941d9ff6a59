import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.ts';

// one entry per optional peer, so `.` loads neither prom-client nor @opentelemetry/api
export default defineConfig(
  packageBuild({ entry: ['src/index.ts', 'src/prometheus.ts', 'src/opentelemetry.ts'] }),
);
