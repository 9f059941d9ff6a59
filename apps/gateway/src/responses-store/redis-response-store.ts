import { abortError, ConfigError, ConnectorError } from '@hub/core';
import { LazyRedisConnection } from '@hub/redis-connection';
import { ErrorReply } from '@redis/client';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import type { ResponseStore } from './response-store.js';
import type { StoredResponse } from './stored-response.js';

/** Options of `redisResponseStore`. */
export interface RedisResponseStoreOptions {
  /** `redis://` or `rediss://` URL (it may hold a password: it is never logged or shown). */
  readonly url: string;
  /** Prefix of every key (`hub-gateway:responses:`); tests use a random one. */
  readonly prefix: string;
  /** Lifetime of an entry after it was stored or refreshed, in milliseconds (Redis `PX`). */
  readonly ttlMs: number;
  /** Longest wait for one reply before the store counts as unavailable; default 2,000 ms. */
  readonly commandTimeoutMs?: number;
  /** Longest wait for a connection; default 2,000 ms. */
  readonly connectTimeoutMs?: number;
  /**
   * Hears when Redis becomes unreachable (`down`, with the error) and answers again (`up`):
   * once per transition, never per failed command.
   */
  readonly onStateChange?: (state: 'up' | 'down', error?: Error) => void;
}

/** The Redis store, with what the gateway's `/metrics` reads of it. */
export interface RedisResponseStore extends ResponseStore {
  readonly kind: 'redis';
  /** `down` from the moment Redis was found unreachable until it answers again. */
  state(): 'up' | 'down';
  /** Operations Redis did not complete since creation; of those, the ones that timed out. */
  stats(): { readonly failures: number; readonly timeouts: number };
}

// keys per MGET: one reply stays small whatever the conversation's length
const MGET_BATCH = 256;

/**
 * The store in Redis, shared by every gateway instance on the same server and prefix: one key
 * per response (`<prefix><id>`), JSON, written with `SET … PX ttl` so Redis enforces the TTL;
 * `put` refreshes the ancestors' TTL with `PEXPIRE` in the same pipeline. A read of an entry that
 * is not valid JSON is a miss.
 *
 * Redis failing, unreachable or slower than `commandTimeoutMs` rejects with a 503
 * `store_unavailable` error — a request that needed the store fails rather than continuing as if
 * the response did not exist. Aborting `signal` rejects with `cancelled`.
 *
 * @throws ConfigError naming the option when an option is invalid (before any I/O).
 */
export function redisResponseStore(options: RedisResponseStoreOptions): RedisResponseStore {
  if (!/^rediss?:\/\/\S+$/.test(options.url))
    // the URL may hold a password: name the option, never echo the value
    throw new ConfigError('Invalid response store option url: must be a redis:// or rediss:// URL.', {
      path: 'url',
    });
  if (options.prefix === '')
    throw new ConfigError('Invalid response store option prefix: must not be empty.', { path: 'prefix' });
  const commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  for (const [name, value] of Object.entries({ ttlMs: options.ttlMs, commandTimeoutMs, connectTimeoutMs })) {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new ConfigError(`Invalid response store option ${name}: must be a positive integer.`, {
        path: name,
      });
  }
  const { prefix, ttlMs } = options;
  let state: 'up' | 'down' = 'up';
  let failures = 0;
  let timeouts = 0;
  const transition = (next: 'up' | 'down', error?: unknown): void => {
    if (state === next) return;
    state = next;
    try {
      options.onStateChange?.(next, error instanceof Error ? error : undefined);
    } catch {
      // a failing logger must not turn an answered request into a failed one
    }
  };
  const connection = new LazyRedisConnection({
    url: options.url,
    connectTimeoutMs,
    owner: 'The response store',
    onConnectionLost: (error) => transition('down', error),
  });

  /** Runs commands (pipelined on one connection) within `commandTimeoutMs`. */
  const run = async (commands: readonly (readonly string[])[], signal: AbortSignal | undefined) => {
    if (signal?.aborted === true) throw abortError(signal, { during: 'using the response store' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const replies = await Promise.race([
        (async () => {
          const client = await connection.ready();
          return Promise.all(
            commands.map((command) => client.sendCommand(command, signal ? { abortSignal: signal } : {})),
          );
        })(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(new ConnectorError('timeout', `Redis did not answer within ${commandTimeoutMs} ms.`)),
            commandTimeoutMs,
          );
          onAbort = () => reject(abortError(signal as AbortSignal, { during: 'using the response store' }));
          signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
      transition('up');
      return replies;
    } catch (error) {
      // read again: the signal may have aborted while the commands ran
      if (isAborted(signal)) throw abortError(signal as AbortSignal, { during: 'using the response store' });
      failures++;
      if (ConnectorError.isInstance(error) && error.code === 'timeout') timeouts++;
      // an error reply still proves Redis is there; anything else means it is not (or too slow)
      transition(error instanceof ErrorReply ? 'up' : 'down', error);
      throw new GatewayRequestError(
        'network',
        503,
        'The response store (Redis) is unavailable; retry shortly, or send store: false without previous_response_id.',
        { wireCode: 'store_unavailable', headers: { 'retry-after': '1' }, cause: error },
      );
    } finally {
      clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    }
  };

  const decode = (reply: unknown): StoredResponse | undefined => {
    if (typeof reply !== 'string') return undefined;
    try {
      const value = JSON.parse(reply) as StoredResponse;
      return typeof value === 'object' && value !== null && typeof value.id === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    kind: 'redis',
    ttlMs,
    state: () => state,
    stats: () => ({ failures, timeouts }),
    async get(id, signal) {
      const [reply] = await run([['GET', prefix + id]], signal);
      return decode(reply);
    },
    async getMany(ids, signal) {
      const found: (StoredResponse | undefined)[] = [];
      for (let start = 0; start < ids.length; start += MGET_BATCH) {
        const keys = ids.slice(start, start + MGET_BATCH).map((id) => prefix + id);
        const [reply] = await run([['MGET', ...keys]], signal);
        const values = Array.isArray(reply) ? reply : [];
        for (let index = 0; index < keys.length; index++) found.push(decode(values[index]));
      }
      return found;
    },
    async put(entry, signal) {
      const ttl = String(ttlMs);
      await run(
        [
          ['SET', prefix + entry.id, JSON.stringify(entry), 'PX', ttl],
          ...entry.ancestors.map((ancestor) => ['PEXPIRE', prefix + ancestor, ttl]),
        ],
        signal,
      );
    },
    async delete(id, signal) {
      const [reply] = await run([['DEL', prefix + id]], signal);
      return Number(reply) > 0;
    },
    close: () => connection.close(1_000),
  };
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
