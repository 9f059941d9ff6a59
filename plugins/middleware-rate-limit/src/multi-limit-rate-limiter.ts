import type { RateLimiter } from '@hub/core';

// The multi-limit types belong to the core contract; re-exported here for existing imports.
export type { LimitCheck, MultiLimitDecision, RateLimitRule, TokenAdjustment } from '@hub/core';

/**
 * A `RateLimiter` that implements the optional multi-limit members of the contract (`checkLimits`,
 * `updateUsages`, `block`): either every check fits and all are taken, or nothing is taken.
 * `memoryRateLimiter` (this package) and `redisRateLimiter` (`@hub/rate-limit-redis`) implement it.
 */
export type MultiLimitRateLimiter = RateLimiter &
  Required<Pick<RateLimiter, 'checkLimits' | 'updateUsages' | 'block'>>;
