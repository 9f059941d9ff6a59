import { ConnectorError } from '@hub/core';
import { createClient } from '@redis/client';
import { closeRedisClient, destroyRedisClient } from './close-redis-client.js';
import type { RedisStateTracker } from './redis-state-tracker.js';

const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 10_000;

/** A connected node-redis client, as `LazyRedisConnection.ready` resolves it. */
export type LazyRedisClient = ReturnType<typeof createClient>;

/** Options of `LazyRedisConnection`. */
export interface LazyRedisConnectionOptions {
  /** `redis://` or `rediss://` URL; it may hold a password, which no error repeats. */
  readonly url: string;
  /** Longest wait for one connection attempt, in milliseconds. */
  readonly connectTimeoutMs: number;
  /** Who owns the connection, in its errors: `The Redis cache` → "The Redis cache is closed." */
  readonly owner: string;
  /** Hears an established connection's loss (failures while connecting reject `ready` instead). */
  readonly onConnectionLost?: ((error: unknown) => void) | undefined;
  /** Told `up` when an attempt succeeds and `down` when one fails or the connection is lost. */
  readonly state?: RedisStateTracker | undefined;
}

/**
 * A node-redis client opened by its owner, connected on first use. After a failed attempt it is
 * not tried again before a back-off delay (100 ms doubling to 10 s), so a dead Redis costs each
 * operation one immediate failure instead of a connection attempt.
 *
 * node-redis' own reconnect loop and offline queue are off: commands fail at once while
 * disconnected (a cache or store must not queue requests behind an outage), and no background
 * timer or retry loop outlives `close()`. The socket is unref'd, so an idle connection never
 * keeps the process alive.
 */
export class LazyRedisConnection {
  readonly #client: LazyRedisClient;
  readonly #options: LazyRedisConnectionOptions;
  #connecting: Promise<LazyRedisClient> | undefined;
  #retryAt = 0;
  #retryDelayMs = FIRST_RETRY_DELAY_MS;
  #closed = false;

  constructor(options: LazyRedisConnectionOptions) {
    this.#options = options;
    this.#client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: { connectTimeout: options.connectTimeoutMs, reconnectStrategy: false },
    });
    // without a listener an 'error' event crashes the process; failures while connecting are
    // reported by the operation that asked for the connection
    this.#client.on('error', (error: unknown) => {
      if (this.#connecting !== undefined || this.#closed) return;
      options.state?.down(error);
      options.onConnectionLost?.(error);
    });
    this.#client.unref();
  }

  /**
   * The connected client, connecting first when needed.
   *
   * @throws ConnectorError `network` when closed or while the back-off delay runs; `timeout` when
   *   the attempt took over `connectTimeoutMs`; else the client's own connection error.
   */
  ready(): Promise<LazyRedisClient> {
    if (this.#closed) {
      return Promise.reject(new ConnectorError('network', `${this.#options.owner} is closed.`));
    }
    if (this.#client.isReady) return Promise.resolve(this.#client);
    if (this.#connecting !== undefined) return this.#connecting;
    const waitMs = this.#retryAt - Date.now();
    if (waitMs > 0) {
      return Promise.reject(
        new ConnectorError(
          'network',
          `Redis is unreachable; the next connection attempt is in ${waitMs} ms.`,
        ),
      );
    }
    this.#connecting = this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connect(): Promise<LazyRedisClient> {
    const { connectTimeoutMs, state } = this.#options;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connected = this.#client.connect();
    try {
      await Promise.race([
        connected,
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => {
            reject(new ConnectorError('timeout', `Connecting to Redis took over ${connectTimeoutMs} ms.`));
          }, connectTimeoutMs);
        }),
      ]);
      this.#retryDelayMs = FIRST_RETRY_DELAY_MS;
      state?.up();
      return this.#client;
    } catch (error) {
      // a handshake that hangs leaves the socket open: close it so the next attempt starts clean
      connected.catch(() => {});
      destroyRedisClient(this.#client);
      this.#retryAt = Date.now() + this.#retryDelayMs;
      this.#retryDelayMs = Math.min(this.#retryDelayMs * 2, MAX_RETRY_DELAY_MS);
      state?.down(error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the connection: gracefully within `graceMs` (pending replies arrive), then by force. */
  async close(graceMs: number): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await closeRedisClient(this.#client, graceMs);
  }
}
