import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// `*.test-d.ts` files are type tests: `vitest run` checks them with tsc too, beside `pnpm typecheck`
export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: { typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' } },
  }),
);
