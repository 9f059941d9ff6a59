import type { CacheStats } from '@hub/core';

/**
 * Counters of one `redisCache` in this process since creation or the last `clear()`. Every
 * degraded operation also went to `onError`.
 */
export interface RedisCacheStats extends Required<Omit<CacheStats, 'bytes'>> {
  /**
   * Reads answered as a miss because Redis failed, was unreachable or did not answer within
   * `commandTimeoutMs` (also counted in `misses` and `errors`).
   */
  readonly degradedLookups: number;
  /** Writes dropped for the same reasons (also counted in `errors`). */
  readonly droppedWrites: number;
  /** Reads and writes of those two that were given up after `commandTimeoutMs`. */
  readonly timeouts: number;
}
