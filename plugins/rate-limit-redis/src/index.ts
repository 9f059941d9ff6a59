/**
 * @packageDocumentation
 * @module @hub/rate-limit-redis
 * @document ../README.md
 */

// The public API of @hub/rate-limit-redis, listed explicitly.

export type { RedisConnectionState } from '@hub/redis-connection';
export type { RedisCommandClient } from './redis-command-client.js';
export { type RedisRateLimiter, redisRateLimiter } from './redis-rate-limiter.js';
export type { RedisRateLimiterOptions } from './redis-rate-limiter-options.js';
export type { RedisRateLimiterStats } from './redis-rate-limiter-stats.js';
