import type { CallOptions, RateLimitCost, RateLimitDecision, RateLimiter, RateLimitUsage } from '@hub/core';
import type { MultiLimitRateLimiter } from './multi-limit-rate-limiter.js';

/**
 * The core contract's single-key `checkLimit` and `updateUsage`, built on a limiter's multi-limit
 * `checkLimits` and `updateUsages`, so every store implements the multi-limit form only.
 */
export function singleKeyMethods(
  multi: Pick<MultiLimitRateLimiter, 'checkLimits' | 'updateUsages'>,
): Pick<RateLimiter, 'checkLimit' | 'updateUsage'> {
  return {
    async checkLimit(
      key: string,
      cost?: RateLimitCost,
      callOptions?: CallOptions,
    ): Promise<RateLimitDecision> {
      const decision = await multi.checkLimits([cost === undefined ? { key } : { key, cost }], callOptions);
      const usage = decision.usages[0] as RateLimitUsage;
      return decision.allowed
        ? { allowed: true, usage }
        : { allowed: false, retryAfterMs: decision.retryAfterMs, usage };
    },
    updateUsage(key: string, tokens: number, callOptions?: CallOptions): Promise<void> {
      return multi.updateUsages([{ key, tokens }], callOptions);
    },
  };
}
