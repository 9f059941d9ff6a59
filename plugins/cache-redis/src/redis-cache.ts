import { Buffer } from 'node:buffer';
import {
  type CacheStrategy,
  type CallOptions,
  ConfigError,
  ConnectorError,
  toConnectorError,
} from '@hub/core';
import {
  type CachedResponse,
  type CacheErrorInfo,
  decodeCachedResponse,
  encodeCachedResponse,
  withTimeBudget,
} from '@hub/middleware-cache';
import {
  isRedisConnectionError,
  LazyRedisConnection,
  type RedisConnectionState,
  RedisStateTracker,
} from '@hub/redis-connection';
import { escapeMatchPattern } from './internal/escape-match-pattern.js';
import type { RedisCacheClient } from './redis-cache-client.js';
import type { RedisCacheOptions } from './redis-cache-options.js';
import type { RedisCacheStats } from './redis-cache-stats.js';

/**
 * A `CacheStrategy` on Redis for completions and embeddings, shared by every process pointing at
 * the same server and prefix.
 */
export interface RedisCache extends CacheStrategy<CachedResponse> {
  readonly name: 'redis';
  /** The prefix of every key this store writes. */
  readonly prefix: string;
  /**
   * Counters of this process since creation or the last `clear` (see `RedisCacheStats`).
   * `evictions` is always 0 (Redis evicts by its own `maxmemory-policy`, unseen by clients);
   * `size` is the result of the last `countEntries()` (0 before).
   */
  stats(): RedisCacheStats;
  /** Whether Redis can be reached now; changes are announced by `onStateChange`. */
  state(): RedisConnectionState;
  /** Counts the keys under the prefix with `SCAN` (not for the request path on large databases). */
  countEntries(options?: CallOptions): Promise<number>;
  /** Closes the connection the store opened (a client passed in stays open). */
  close(): Promise<void>;
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';
// SCAN and UNLINK of `clear` are maintenance, not request-path work: a looser bound per command
const MAINTENANCE_BUDGET_MS = 2_000;
const SCAN_BATCH = '500';

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Creates a Redis store for `@hub/middleware-cache`. Values are what `encodeCachedResponse`
 * writes (a completion as compact JSON without `raw`; an embedding as a JSON header and the
 * base64 of its little-endian float32 vectors, a third of the size of JSON numbers and exact),
 * written with `SET key value PX ttl` so Redis enforces the TTL. `get` and `set` never throw for
 * store trouble: an error, a dead server or a reply slower than `commandTimeoutMs` makes a read a
 * miss and drops a write, counts in `stats().errors` and goes to `onError`. A value that does not
 * parse as a response is a miss and is deleted. `invalidate`, `clear` and `countEntries` do
 * throw (`network`, `timeout`): they are explicit maintenance calls. `onStateChange` hears once
 * per transition when Redis becomes unreachable (`down`) and answers again (`up`).
 *
 * Aborting `options.signal` rejects any operation with `cancelled`. Not for Redis Cluster.
 *
 * @throws ConfigError naming the option when an option is invalid (before any I/O).
 */
export function redisCache(options: RedisCacheOptions = {}): RedisCache {
  const fail = (path: string, message: string): never => {
    throw new ConfigError(`Invalid redisCache option ${path}: ${message}`, { path });
  };
  if (options.url !== undefined && options.client !== undefined)
    fail('client', 'give either url or client, not both.');
  if (options.client !== undefined && typeof options.client.sendCommand !== 'function')
    fail('client', 'must be a node-redis client (with sendCommand).');
  const url = options.url ?? process.env.REDIS_URL ?? DEFAULT_URL;
  if (options.client === undefined && !/^rediss?:\/\/[^\s]+$/.test(url))
    // the URL may hold a password: name the option, never echo the value
    fail('url', 'must be a redis:// or rediss:// URL.');
  const prefix = options.prefix ?? 'hub:cache:';
  if (typeof prefix !== 'string' || prefix === '') fail('prefix', 'must be a non-empty string.');
  const connectTimeoutMs = options.connectTimeoutMs ?? 1_000;
  if (!isPositiveInteger(connectTimeoutMs))
    fail('connectTimeoutMs', 'must be a positive integer of milliseconds.');
  const commandTimeoutMs = options.commandTimeoutMs ?? 50;
  if (!isPositiveInteger(commandTimeoutMs))
    fail('commandTimeoutMs', 'must be a positive integer of milliseconds.');
  if (options.onError !== undefined && typeof options.onError !== 'function')
    fail('onError', 'must be a function.');
  if (options.onStateChange !== undefined && typeof options.onStateChange !== 'function')
    fail('onStateChange', 'must be a function.');

  let hits = 0;
  let misses = 0;
  let errors = 0;
  let size = 0;
  let degradedLookups = 0;
  let droppedWrites = 0;
  let timeouts = 0;
  const connectionState = new RedisStateTracker(options.onStateChange);

  const report = (
    error: unknown,
    operation: CacheErrorInfo['operation'],
    reason: CacheErrorInfo['reason'],
  ) => {
    try {
      options.onError?.(toConnectorError(error), { store: 'redis', operation, reason });
    } catch {
      // a failing logger must not turn a cache miss into a failed request
    }
  };
  const reasonOf = (error: unknown): CacheErrorInfo['reason'] =>
    ConnectorError.isInstance(error) && error.code === 'timeout' ? 'timeout' : 'failed';

  const owned =
    options.client === undefined
      ? new LazyRedisConnection({
          url,
          connectTimeoutMs,
          owner: 'The Redis cache',
          onConnectionLost: (error) => report(error, 'connect', 'failed'),
          state: connectionState,
        })
      : undefined;
  const client = options.client;
  const ready = (): Promise<RedisCacheClient> =>
    owned === undefined ? Promise.resolve(client as RedisCacheClient) : owned.ready();

  /** Runs one command within `budgetMs`, waiting for the connection inside the same budget. */
  const run = (
    command: readonly string[],
    what: string,
    budgetMs: number,
    callOptions: CallOptions | undefined,
  ): Promise<unknown> =>
    withTimeBudget(
      async (signal) => {
        const connected = await ready();
        let reply: unknown;
        try {
          reply = await connected.sendCommand(command, { abortSignal: signal });
        } catch (error) {
          if (isRedisConnectionError(error)) connectionState.down(error);
          throw error;
        }
        // any reply, an error reply included, proves Redis is there
        connectionState.up();
        return reply;
      },
      budgetMs,
      `Redis ${what}`,
      callOptions?.signal,
    );

  const callerLeft = (callOptions: CallOptions | undefined): boolean => callOptions?.signal?.aborted === true;
  const cancelled = (): ConnectorError =>
    new ConnectorError('cancelled', 'The Redis cache operation was cancelled.');

  /** Deletes a corrupt entry; failures are only reported (the entry expires anyway). */
  const discard = async (fullKey: string): Promise<void> => {
    try {
      await run(['UNLINK', fullKey], 'unlink', commandTimeoutMs, undefined);
    } catch (error) {
      report(error, 'invalidate', reasonOf(error));
    }
  };

  /** Visits every key under the prefix, one SCAN batch at a time. */
  const scan = async (callOptions: CallOptions | undefined, visit: (keys: string[]) => Promise<void>) => {
    const pattern = `${escapeMatchPattern(prefix)}*`;
    let cursor = '0';
    do {
      const reply = await run(
        ['SCAN', cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH],
        'scan',
        MAINTENANCE_BUDGET_MS,
        callOptions,
      );
      const [next, keys] = reply as [unknown, unknown];
      if (!Array.isArray(keys))
        throw new ConnectorError('parse', 'Redis answered SCAN with an unexpected reply.');
      cursor = String(next);
      const names = keys.map(String);
      if (names.length > 0) await visit(names);
    } while (cursor !== '0');
  };

  return {
    name: 'redis',
    prefix,

    async get(key, callOptions): Promise<CachedResponse | undefined> {
      const fullKey = prefix + key;
      let reply: unknown;
      try {
        reply = await run(['GET', fullKey], 'get', commandTimeoutMs, callOptions);
      } catch (error) {
        if (callerLeft(callOptions)) throw cancelled();
        const reason = reasonOf(error);
        misses++;
        errors++;
        degradedLookups++;
        if (reason === 'timeout') timeouts++;
        report(error, 'get', reason);
        return undefined;
      }
      if (reply === null || reply === undefined) {
        misses++;
        return undefined;
      }
      const text =
        typeof reply === 'string' ? reply : Buffer.isBuffer(reply) ? reply.toString('utf8') : undefined;
      const value = text === undefined ? undefined : decodeCachedResponse(text);
      if (value === undefined) {
        misses++;
        errors++;
        report(
          new ConnectorError('parse', 'A Redis cache entry is not a cached response; it was deleted.'),
          'get',
          'corrupt',
        );
        void discard(fullKey);
        return undefined;
      }
      hits++;
      return value;
    },

    async set(key, value, ttlMs, callOptions): Promise<void> {
      if (!isPositiveInteger(ttlMs)) {
        throw new ConnectorError('invalid_request', 'ttlMs must be a positive integer of milliseconds.', {
          field: 'ttlMs',
        });
      }
      try {
        await run(
          ['SET', prefix + key, encodeCachedResponse(value), 'PX', String(ttlMs)],
          'set',
          commandTimeoutMs,
          callOptions,
        );
      } catch (error) {
        if (callerLeft(callOptions)) throw cancelled();
        const reason = reasonOf(error);
        errors++;
        droppedWrites++;
        if (reason === 'timeout') timeouts++;
        report(error, 'set', reason);
      }
    },

    async invalidate(key, callOptions): Promise<boolean> {
      const removed = await run(['UNLINK', prefix + key], 'unlink', commandTimeoutMs, callOptions);
      return Number(removed) > 0;
    },

    async clear(callOptions): Promise<void> {
      await scan(callOptions, async (keys) => {
        await run(['UNLINK', ...keys], 'unlink', MAINTENANCE_BUDGET_MS, callOptions);
      });
      hits = 0;
      misses = 0;
      errors = 0;
      size = 0;
      degradedLookups = 0;
      droppedWrites = 0;
      timeouts = 0;
    },

    async countEntries(callOptions): Promise<number> {
      // SCAN may return a key twice while the keyspace is rehashed
      const seen = new Set<string>();
      await scan(callOptions, async (keys) => {
        for (const key of keys) seen.add(key);
      });
      size = seen.size;
      return size;
    },

    stats() {
      return { hits, misses, evictions: 0, size, errors, degradedLookups, droppedWrites, timeouts };
    },

    state: () => connectionState.state,

    async close(): Promise<void> {
      connectionState.stop();
      // pending commands are cache operations nobody waits for past their own budget
      await owned?.close(commandTimeoutMs);
    },
  };
}
