// Moved to @hub/testing/redis (every Redis package's tests share it); kept so the gateway's tests
// and other branches' imports of this path still compile.
export {
  connectTestRedis,
  REDIS_URL as TEST_REDIS_URL,
  requireTestRedis,
  type TestRedisClient,
} from '@hub/testing/redis';
