import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.ts';

export default defineConfig(
  packageBuild({
    entry: ['src/index.ts', 'src/redis.ts', 'src/postgres.ts'],
    external: ['vitest', '@hub/core', '@redis/client', 'pg'],
  }),
);
