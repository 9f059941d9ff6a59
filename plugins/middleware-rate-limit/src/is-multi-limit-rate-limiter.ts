import type { RateLimiter } from '@hub/core';
import type { MultiLimitRateLimiter } from './multi-limit-rate-limiter.js';

/**
 * Whether `limiter` also implements the atomic multi-limit methods (`checkLimits`,
 * `updateUsages`, `block`), checked by shape so limiters from another copy of this package pass.
 */
export function isMultiLimitRateLimiter(limiter: RateLimiter | undefined): limiter is MultiLimitRateLimiter {
  if (limiter === undefined || limiter === null) return false;
  const candidate = limiter as Partial<MultiLimitRateLimiter>;
  return (
    typeof candidate.checkLimits === 'function' &&
    typeof candidate.updateUsages === 'function' &&
    typeof candidate.block === 'function'
  );
}
