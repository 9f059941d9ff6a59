import { ConnectorError } from '@hub/core';
import { createClient } from '@redis/client';
import type { RedisCacheClient } from '../redis-cache-client.js';
import type { ConnectionStateTracker } from './connection-state-tracker.js';

const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 10_000;

type OwnedClient = ReturnType<typeof createClient>;

/**
 * A node-redis client the store opened itself. It connects on first use and, after a failed
 * attempt, not again before a back-off delay (100 ms doubling to 10 s), so a dead Redis costs
 * each request one immediate failure instead of a connection attempt.
 *
 * node-redis' own reconnect loop and offline queue are off: commands fail at once while
 * disconnected (a cache must not queue requests behind an outage), and no background timer or
 * retry loop outlives `close()`. The socket is unref'd, so an idle cache connection never keeps
 * the process alive. A failed attempt or a lost connection marks Redis `down` in `state`, a
 * successful attempt `up`.
 */
export class OwnedConnection {
  readonly #client: OwnedClient;
  readonly #connectTimeoutMs: number;
  readonly #state: ConnectionStateTracker;
  #connecting: Promise<RedisCacheClient> | undefined;
  #retryAt = 0;
  #retryDelayMs = FIRST_RETRY_DELAY_MS;
  #closed = false;

  constructor(
    url: string,
    connectTimeoutMs: number,
    onConnectionLost: (error: unknown) => void,
    state: ConnectionStateTracker,
  ) {
    this.#connectTimeoutMs = connectTimeoutMs;
    this.#state = state;
    this.#client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: false },
    });
    // without a listener an 'error' event crashes the process; failures while connecting are
    // reported by the operation that asked for the connection
    this.#client.on('error', (error: unknown) => {
      if (this.#connecting !== undefined || this.#closed) return;
      this.#state.down(error);
      onConnectionLost(error);
    });
    this.#client.unref();
  }

  /** The connected client, connecting first when needed. */
  ready(): Promise<RedisCacheClient> {
    if (this.#closed) return Promise.reject(new ConnectorError('network', 'The Redis cache is closed.'));
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

  async #connect(): Promise<RedisCacheClient> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connected = this.#client.connect();
    try {
      await Promise.race([
        connected,
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => {
            reject(
              new ConnectorError('timeout', `Connecting to Redis took over ${this.#connectTimeoutMs} ms.`),
            );
          }, this.#connectTimeoutMs);
        }),
      ]);
      this.#retryDelayMs = FIRST_RETRY_DELAY_MS;
      this.#state.up();
      return this.#client;
    } catch (error) {
      // a handshake that hangs leaves the socket open: close it so the next attempt starts clean
      connected.catch(() => {});
      this.#destroy();
      this.#retryAt = Date.now() + this.#retryDelayMs;
      this.#retryDelayMs = Math.min(this.#retryDelayMs * 2, MAX_RETRY_DELAY_MS);
      this.#state.down(error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the connection: gracefully within `graceMs` (pending replies arrive), then by force. */
  async close(graceMs: number): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#client.isOpen) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        this.#client.close(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
    } catch {
      // closing a broken connection fails; destroying it below is all that is left to do
    } finally {
      clearTimeout(timer);
    }
    this.#destroy();
  }

  #destroy(): void {
    if (!this.#client.isOpen) return;
    try {
      this.#client.destroy();
    } catch {
      // already closed between the check and the call
    }
  }
}
