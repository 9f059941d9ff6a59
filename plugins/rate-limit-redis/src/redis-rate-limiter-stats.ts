/**
 * Counters of one `redisRateLimiter` since it was created, for metrics and alerts. Every
 * operation counted in `failures` also went to `onError`.
 */
export interface RedisRateLimiterStats {
  /** Operations Redis did not complete: the sum of `unreachable`, `timeouts` and error replies. */
  readonly failures: number;
  /** Operations that found Redis unreachable (connection refused or closed, client not ready). */
  readonly unreachable: number;
  /** Operations whose reply did not come within `commandTimeoutMs` (Redis may still run them). */
  readonly timeouts: number;
  /** Checks admitted without Redis: it was unreachable and `failMode` is `open`. */
  readonly failOpenAdmissions: number;
  /**
   * Checks refused without a decision from Redis: it was unreachable with `failMode: 'closed'`,
   * did not answer in time, or answered with an error. Each threw `rate_limiter_unavailable`.
   */
  readonly unavailableRefusals: number;
  /**
   * Checks that Redis admitted after the caller had stopped waiting (a late reply, or an abort),
   * whose requests and tokens were given back so they do not count against the limit.
   */
  readonly lateAdmissionsReleased: number;
}
