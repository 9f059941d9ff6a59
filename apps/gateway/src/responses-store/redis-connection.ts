import { ConnectorError } from '@hub/core';
import { createClient } from '@redis/client';

const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 10_000;

type Client = ReturnType<typeof createClient>;

/** The part of a node-redis client the response store uses. */
export interface RedisCommandClient {
  sendCommand(command: readonly string[], options?: { readonly abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * One node-redis connection, opened on first use. After a failed attempt it is not tried again
 * before a back-off delay (100 ms doubling to 10 s), so a dead Redis costs a request one
 * immediate failure, not a connection attempt each. node-redis' reconnect loop and offline
 * queue are off: commands fail at once while disconnected, and no timer outlives `close()`.
 * The socket is unref'd, so an idle connection never keeps the process alive.
 */
export class RedisConnection {
  readonly #client: Client;
  readonly #connectTimeoutMs: number;
  #connecting: Promise<RedisCommandClient> | undefined;
  #retryAt = 0;
  #retryDelayMs = FIRST_RETRY_DELAY_MS;
  #closed = false;

  constructor(url: string, connectTimeoutMs: number, onError: (error: unknown) => void) {
    this.#connectTimeoutMs = connectTimeoutMs;
    this.#client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: false },
    });
    // without a listener an 'error' event would crash the process; the failing command reports it
    this.#client.on('error', (error: unknown) => {
      if (this.#connecting === undefined && !this.#closed) onError(error);
    });
    this.#client.unref();
  }

  /** The connected client, connecting first when needed. */
  ready(): Promise<RedisCommandClient> {
    if (this.#closed) return Promise.reject(new ConnectorError('network', 'The response store is closed.'));
    if (this.#client.isReady) return Promise.resolve(this.#client);
    if (this.#connecting !== undefined) return this.#connecting;
    const waitMs = this.#retryAt - Date.now();
    if (waitMs > 0)
      return Promise.reject(
        new ConnectorError('network', `Redis is unreachable; the next attempt is in ${waitMs} ms.`),
      );
    this.#connecting = this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connect(): Promise<RedisCommandClient> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connected = this.#client.connect();
    try {
      await Promise.race([
        connected,
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new ConnectorError('timeout', `Connecting to Redis took over ${this.#connectTimeoutMs} ms.`),
              ),
            this.#connectTimeoutMs,
          );
        }),
      ]);
      this.#retryDelayMs = FIRST_RETRY_DELAY_MS;
      return this.#client;
    } catch (error) {
      // a handshake that hangs leaves the socket open: close it so the next attempt starts clean
      connected.catch(() => {});
      this.#destroy();
      this.#retryAt = Date.now() + this.#retryDelayMs;
      this.#retryDelayMs = Math.min(this.#retryDelayMs * 2, MAX_RETRY_DELAY_MS);
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
