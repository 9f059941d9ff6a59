/**
 * @packageDocumentation
 * @module @hub/rate-limit-redis
 * @document ../README.md
 */

// The public API of @hub/rate-limit-redis, listed explicitly.

export type { RedisCommandClient } from './redis-command-client.js';
export type { RedisConnectionState } from './redis-connection-state.js';
export { type RedisRateLimiter, redisRateLimiter } from './redis-rate-limiter.js';
export type { RedisRateLimiterOptions } from './redis-rate-limiter-options.js';
export type { RedisRateLimiterStats } from './redis-rate-limiter-stats.js';
