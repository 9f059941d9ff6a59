/**
 * @packageDocumentation
 * @module @hub/cache-redis
 * @document ../README.md
 */

// The public API of @hub/cache-redis, listed explicitly.

export type { RedisConnectionState } from '@hub/redis-connection';
export { type RedisCache, redisCache } from './redis-cache.js';
export type { RedisCacheClient } from './redis-cache-client.js';
export type { RedisCacheOptions } from './redis-cache-options.js';
export type { RedisCacheStats } from './redis-cache-stats.js';
