// The public API of @hub/redis-connection, listed explicitly: an API change is one visible diff here.

export { type ClosableRedisClient, closeRedisClient, destroyRedisClient } from './close-redis-client.js';
export { isRedisConnectionError } from './is-redis-connection-error.js';
export {
  type LazyRedisClient,
  LazyRedisConnection,
  type LazyRedisConnectionOptions,
} from './lazy-redis-connection.js';
export type { RedisConnectionState } from './redis-connection-state.js';
export { RedisStateTracker } from './redis-state-tracker.js';
