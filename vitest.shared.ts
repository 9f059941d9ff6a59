import { defineConfig } from 'vitest/config';
import { packageVersion } from './tsup.shared.ts';

/**
 * Shared vitest settings: tests resolve workspace packages to their TypeScript sources through
 * the `@hub/source` export condition, so `pnpm test` needs no build first.
 */
export const sharedTestConfig = defineConfig({
  // what tsup replaces at build time, so sources report the same version under test
  define: { __PACKAGE_VERSION__: JSON.stringify(packageVersion()) },
  resolve: { conditions: ['@hub/source'] },
  ssr: { resolve: { conditions: ['@hub/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: false } },
  },
});
