import type { RateLimitRule } from '@hub/middleware-rate-limit';
import type { RedisConnectionState } from '@hub/redis-connection';
import type { RedisCommandClient } from './redis-command-client.js';

/** Options of `redisRateLimiter`. Give exactly one of `url` and `client`. */
export interface RedisRateLimiterOptions {
  /**
   * `redis://` or `rediss://` URL; the limiter then creates, connects (on first use) and closes its
   * own client, with the offline queue disabled so an unreachable Redis fails calls at once
   * instead of queueing them.
   */
  readonly url?: string;
  /** A connected node-redis v5 client you own (the limiter never closes it). */
  readonly client?: RedisCommandClient;
  /**
   * Prefix of every key, so several applications or test runs share one Redis without colliding.
   * Must not be empty (`reset()` deletes every key under it). Default `hub:rate-limit:`.
   */
  readonly prefix?: string;
  /**
   * What a check does when Redis is **unreachable** (connection refused or closed, client not
   * ready), so the check never ran:
   *
   * - `open` (default): admit the call, call `onError` and count it in
   *   `stats().failOpenAdmissions`. Availability wins; provider 429s still protect the provider.
   * - `closed`: refuse the call with a retryable `rate_limit` `ConnectorError` whose `providerCode`
   *   is `rate_limiter_unavailable` and `retryAfterMs` is `failClosedRetryAfterMs`. `rate_limit`,
   *   not `provider`: the provider is healthy, so blaming it would open its circuit breaker and
   *   skew its error metrics, while `rate_limit` tells the caller (and a gateway's 429) to come
   *   back later.
   *
   * A Redis that is reachable but **slow** (no reply within `commandTimeoutMs`) or that answers
   * with an **error** refuses the check that way in both modes: a slow Redis is not a missing one,
   * and admitting would let a burst through past the limit.
   */
  readonly failMode?: 'open' | 'closed';
  /** Sees every Redis failure (connection errors of an owned client, failed operations). */
  readonly onError?: (error: Error) => void;
  /**
   * Called once per transition between `up` and `down` (see `RedisConnectionState`), never once
   * per failed command: `down` with the error that showed Redis unreachable, `up` when it answers
   * again. The limiter starts `up`.
   */
  readonly onStateChange?: (state: RedisConnectionState, error?: Error) => void;
  /**
   * Longest wait for one operation's reply (and for the first connection), in ms. A check past it
   * is refused (see `failMode`); if Redis admitted it after all, the late reply gives its requests
   * and tokens back. Default 1000.
   */
  readonly commandTimeoutMs?: number;
  /** `retryAfterMs` of checks refused without a decision from Redis. Default 1000. */
  readonly failClosedRetryAfterMs?: number;
  /**
   * Rules for keys checked without one (through the core `checkLimit(key, cost)`); a rule given
   * in a `LimitCheck` takes precedence, and a key otherwise keeps the rule it was last checked with.
   */
  readonly rules?: Readonly<Record<string, RateLimitRule>> | ((key: string) => RateLimitRule | undefined);
}
