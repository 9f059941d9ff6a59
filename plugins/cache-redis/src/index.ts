// The public API of @hub/cache-redis, listed explicitly.

export { type RedisCache, redisCache } from './redis-cache.js';
export type { RedisCacheClient } from './redis-cache-client.js';
export type { RedisCacheOptions } from './redis-cache-options.js';
