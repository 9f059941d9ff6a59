// The public API of @hub/testing/redis, listed explicitly: helpers for tests against a real
// Redis. A subpath of its own so that only tests that use Redis need @redis/client.
export {
  connectTestRedis,
  deleteKeysUnder,
  REDIS_URL,
  requireTestRedis,
  type TestRedisClient,
} from './connect-test-redis.js';
