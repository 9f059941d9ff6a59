import { abortError } from '@hub/core';
import {
  closeRedisClient,
  destroyRedisClient,
  type RedisConnectionState,
  RedisStateTracker,
} from '@hub/redis-connection';
import { createClient } from '@redis/client';
import type { RedisCommandClient } from '../redis-command-client.js';
import { RATE_LIMITER_WAIT } from './rate-limiter-wait.js';
import { RedisUnreachableError } from './redis-failure.js';

const MAX_RECONNECT_DELAY_MS = 2000;

type OwnedClient = ReturnType<typeof createClient>;

/** How the limiter reaches Redis. */
export interface RedisConnectionOptions {
  /** Open and own a client for this URL; otherwise `client` is used as it is. */
  readonly url: string | undefined;
  readonly client: RedisCommandClient | undefined;
  /** Longest wait for the first connection, in ms. */
  readonly connectTimeoutMs: number;
  /** Sees the errors of an owned client's connection. */
  readonly onConnectionError: (error: Error) => void;
  readonly onStateChange: ((state: RedisConnectionState, error?: Error) => void) | undefined;
}

/**
 * The limiter's client (its own, opened from a URL, or one it was given) and whether Redis can
 * be reached. An owned client connects on first use, reconnects in the background with back-off
 * (50 ms doubling to 2 s) and never queues commands while disconnected, so an unreachable Redis
 * fails a check at once.
 */
export class RedisConnection {
  readonly #owned: OwnedClient | undefined;
  readonly #client: RedisCommandClient;
  readonly #connectTimeoutMs: number;
  readonly #tracker: RedisStateTracker;
  #connecting: Promise<unknown> | undefined;
  #connectionError: Error | undefined;
  #closed = false;

  constructor(options: RedisConnectionOptions) {
    this.#connectTimeoutMs = options.connectTimeoutMs;
    this.#tracker = new RedisStateTracker(options.onStateChange);
    this.#owned =
      options.url === undefined
        ? undefined
        : createClient({
            url: options.url,
            // an unreachable Redis must fail a check at once, not park it in a queue
            disableOfflineQueue: true,
            socket: {
              connectTimeout: options.connectTimeoutMs,
              reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
            },
          });
    this.#client = this.#owned ?? (options.client as RedisCommandClient);
    if (this.#owned !== undefined) {
      // without a listener an 'error' event would crash the process
      this.#owned.on('error', (error: Error) => {
        this.#connectionError = error;
        this.#tracker.down(error);
        options.onConnectionError(error);
      });
      this.#owned.on('ready', () => {
        this.#connectionError = undefined;
        this.#tracker.up();
      });
    }
  }

  get state(): RedisConnectionState {
    return this.#tracker.state;
  }

  /**
   * The client, ready for commands: connects an owned client on first use, waiting at most
   * `connectTimeoutMs`.
   *
   * @throws RedisUnreachableError when there is no usable connection (sending nothing).
   * @throws ConnectorError `cancelled` when `signal` aborts first.
   */
  async ready(signal: AbortSignal | undefined): Promise<RedisCommandClient> {
    if (this.#client.isReady) return this.#client;
    if (this.#closed) throw new RedisUnreachableError('The rate limiter is closed.');
    const owned = this.#owned;
    if (owned === undefined) {
      throw new RedisUnreachableError('The Redis client passed to redisRateLimiter is not connected.');
    }
    if (this.#connecting === undefined) {
      // failures surface through the 'error' listener; this promise only tracks the first attempt
      this.#connecting = owned.connect().catch(() => undefined);
    } else if (this.#connectionError !== undefined) {
      // known to be down: fail now rather than wait for the next reconnect attempt
      throw new RedisUnreachableError('Redis is unreachable', this.#connectionError);
    }
    await waitForReady(owned, this.#connectTimeoutMs, signal);
    return owned;
  }

  /** Records that Redis answered a command. */
  answered(): void {
    this.#tracker.up();
  }

  /** Records that a command found Redis unreachable. */
  unreachable(error: Error): void {
    this.#tracker.down(error);
  }

  /**
   * Closes an owned client: gracefully within `graceMs` (pending replies arrive), then by force.
   * A client passed in stays open.
   */
  async close(graceMs: number): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#tracker.stop();
    const owned = this.#owned;
    if (owned === undefined) return;
    // a connection still (re)connecting has no replies to wait for
    if (owned.isReady) await closeRedisClient(owned, graceMs);
    else destroyRedisClient(owned);
    await this.#connecting;
  }
}

/** Resolves when `client` is ready; rejects on its next 'error' event, after `timeoutMs`, or on abort. */
function waitForReady(
  client: OwnedClient,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (client.isReady) return Promise.resolve();
  if (signal?.aborted === true) return Promise.reject(abortError(signal, RATE_LIMITER_WAIT));
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new RedisUnreachableError('Redis is unreachable', error));
    };
    const onAbort = (): void => {
      cleanup();
      reject(abortError(signal as AbortSignal, RATE_LIMITER_WAIT));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new RedisUnreachableError(`Redis was not ready within ${timeoutMs} ms.`));
    }, timeoutMs);
    client.on('ready', onReady);
    client.on('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
