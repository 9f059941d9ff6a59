import type { CacheErrorHandler } from '@hub/middleware-cache';
import type { RedisConnectionState } from '@hub/redis-connection';
import type { RedisCacheClient } from './redis-cache-client.js';

/** Options of `redisCache`. Give `url` or `client`, not both. */
export interface RedisCacheOptions {
  /**
   * `redis://` or `rediss://` URL (may carry a password; it is never logged). Default: the
   * `REDIS_URL` environment variable, else `redis://127.0.0.1:6379`. The store opens the
   * connection on first use and owns it: `close()` ends it.
   */
  readonly url?: string;
  /**
   * A connected node-redis client to use instead of opening one. Its owner connects and closes
   * it and chooses its reconnect policy; `close()` leaves it open.
   */
  readonly client?: RedisCacheClient;
  /** Prepended to every key; `clear()` removes only keys under it. Default `hub:cache:`. */
  readonly prefix?: string;
  /**
   * Longest a connection attempt (TCP connect and handshake) may take, in milliseconds.
   * Default 1000.
   */
  readonly connectTimeoutMs?: number;
  /**
   * Longest `get` and `set` may take, including waiting for a connection, in milliseconds;
   * past it a read is a miss and a write is dropped. Default 50.
   */
  readonly commandTimeoutMs?: number;
  /** Called for every failure that was turned into a miss or a dropped write. */
  readonly onError?: CacheErrorHandler;
  /**
   * Called once per transition between `up` and `down` (see `RedisConnectionState`), never once
   * per failed command: `down` with the error that showed Redis unreachable, `up` when it answers
   * again. The store starts `up`.
   */
  readonly onStateChange?: (state: RedisConnectionState, error?: Error) => void;
}
