import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(sharedTestConfig, {
  test: {
    // hang guards only: a scenario that ends says so by its counts, whatever the machine's load
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // each scenario file runs its own gateway and upstreams; two at once fill a 2-core machine
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
