import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import {
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  ConnectorError,
  createHub,
  foldStream,
  type Hub,
  type StreamChunk,
} from '@hub/core';
import { type CachedResponse, type CacheErrorInfo, cachePlugin } from '@hub/middleware-cache';
import type { RedisConnectionState } from '@hub/redis-connection';
import { mockPlugin, recordStateChanges, startTcpProxy, type TcpProxy } from '@hub/testing';
import { connectTestRedis, deleteKeysUnder, REDIS_URL, type TestRedisClient } from '@hub/testing/redis';
import { createClient } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RedisCache, redisCache } from './redis-cache.js';

// the proxies forward to the test Redis
const redisTarget = new URL(REDIS_URL);
// tests of behaviour (not of budgets) must not lose a cold connect on a busy machine to a budget
const GENEROUS_MS = 10_000;
const LIVE = { url: REDIS_URL, commandTimeoutMs: GENEROUS_MS } as const;
// waits on real Redis events (an expiry, a reconnect): generous, and they end as soon as it happens
const EVENTUALLY = { timeout: 15_000, interval: 10 } as const;
// this file's own namespace, unique per run, so parallel files and runs never see each other's keys
const RUN_PREFIX = `test:cache-redis:${randomUUID()}:`;

let admin: TestRedisClient;

const stores: RedisCache[] = [];
const hubs: Hub[] = [];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  admin = await connectTestRedis();
});

afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

afterAll(async () => {
  await deleteKeysUnder(admin, RUN_PREFIX);
  await admin?.close();
});

let prefixCounter = 0;
const uniquePrefix = (): string => `${RUN_PREFIX}${++prefixCounter}:`;

const track = (store: RedisCache): RedisCache => {
  stores.push(store);
  return store;
};

const responseOf = (text: string): CompletionResponse => ({
  id: `resp-${text.length}`,
  provider: 'mock',
  model: 'mock-1',
  text,
  content: [{ type: 'text', text }],
  finishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
});

/** The text of a cached completion (undefined for a miss or an embedding). */
const textOf = (value: CachedResponse | undefined): string | undefined =>
  value !== undefined && 'text' in value ? value.text : undefined;

const ask = (text: string): CompletionRequest => ({
  model: 'mock/mock-1',
  messages: [{ role: 'user', content: text }],
  temperature: 0,
});

const collect = async (stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> => {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
};

const hubWith = (store: RedisCache) => {
  const mock = mockPlugin();
  const hub = createHub({ plugins: [mock, cachePlugin({ store, timeBudgetMs: GENEROUS_MS })] });
  hubs.push(hub);
  return { hub, provider: mock.provider };
};

/** A TCP server that accepts connections and never answers: a hung Redis. */
async function startSilentServer(): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server);
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `redis://127.0.0.1:${portOf(server)}`;
}

/** A proxy to the real Redis that the test can take down and bring back. */
async function startProxy(): Promise<TcpProxy> {
  const proxy = await startTcpProxy(redisTarget.hostname, Number(redisTarget.port || 6379));
  cleanups.push(() => proxy.close());
  return proxy;
}

const listen = (server: Server): Promise<void> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

const portOf = (server: Server): number => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  return address.port;
};

describe('redisCache against a real Redis', () => {
  it('stores compact JSON without raw, with a TTL enforced by Redis', async () => {
    const prefix = uniquePrefix();
    const store = track(redisCache({ ...LIVE, prefix }));
    // an hour: the entry must outlive any pause of a busy machine between the calls below
    await store.set('k', { ...responseOf('hello'), raw: { big: 'x'.repeat(5_000) } }, 3_600_000);
    const stored = await admin.get(`${prefix}k`);
    expect(stored).not.toBeNull();
    expect(JSON.parse(stored as string)).toEqual(responseOf('hello'));
    const pttl = await admin.pTTL(`${prefix}k`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(3_600_000);
    expect(await store.get('k')).toEqual(responseOf('hello'));
    expect(await store.get('absent')).toBeUndefined();
    expect(store.stats()).toEqual({
      hits: 1,
      misses: 1,
      evictions: 0,
      size: 0,
      errors: 0,
      degradedLookups: 0,
      droppedWrites: 0,
      timeouts: 0,
    });
    expect(store.state()).toBe('up');
  });

  it('lets Redis expire entries', async () => {
    const store = track(redisCache({ ...LIVE, prefix: uniquePrefix() }));
    await store.set('short', responseOf('soon gone'), 30);
    // Redis's clock cannot be faked: wait for the expiry itself, however long the machine takes
    await vi.waitFor(async () => expect(await store.get('short')).toBeUndefined(), EVENTUALLY);
    expect(store.stats()).toMatchObject({ errors: 0, degradedLookups: 0 });
  });

  it('shares entries between two hubs pointing at the same Redis and prefix', async () => {
    const prefix = uniquePrefix();
    const first = hubWith(track(redisCache({ ...LIVE, prefix })));
    const second = hubWith(track(redisCache({ ...LIVE, prefix })));
    const original = await first.hub.complete(ask('shared'));
    const fromOther = await second.hub.complete(ask('shared'));
    expect(fromOther).toEqual(original);
    expect(first.provider.calls).toHaveLength(1);
    expect(second.provider.calls).toHaveLength(0);

    second.provider.enqueue({ type: 'text', text: 'streamed by the second hub' });
    const streamed = await collect(second.hub.stream(ask('streamed')));
    const replayed = await collect(first.hub.stream(ask('streamed')));
    expect(second.provider.calls).toHaveLength(1);
    expect(first.provider.calls).toHaveLength(1);
    const origin = { provider: 'mock', model: 'mock-1' };
    const fold = (chunks: StreamChunk[]) =>
      foldStream(
        (async function* () {
          yield* chunks;
        })(),
        origin,
      );
    expect(await fold(replayed)).toEqual(await fold(streamed));
  });

  it('keeps hubs with different prefixes apart', async () => {
    const first = hubWith(track(redisCache({ ...LIVE, prefix: uniquePrefix() })));
    const second = hubWith(track(redisCache({ ...LIVE, prefix: uniquePrefix() })));
    await first.hub.complete(ask('private'));
    await second.hub.complete(ask('private'));
    expect(second.provider.calls).toHaveLength(1);
  });

  it('treats a corrupt value as a miss and deletes it', async () => {
    const prefix = uniquePrefix();
    const errors: CacheErrorInfo[] = [];
    const store = track(redisCache({ ...LIVE, prefix, onError: (_error, info) => errors.push(info) }));
    await admin.set(`${prefix}garbage`, '{not json', { PX: 60_000 });
    await admin.set(`${prefix}foreign`, JSON.stringify({ hello: 'world' }), { PX: 60_000 });
    expect(await store.get('garbage')).toBeUndefined();
    expect(await store.get('foreign')).toBeUndefined();
    await vi.waitFor(
      async () => expect(await admin.exists([`${prefix}garbage`, `${prefix}foreign`])).toBe(0),
      EVENTUALLY,
    );
    expect(errors).toEqual([
      { store: 'redis', operation: 'get', reason: 'corrupt' },
      { store: 'redis', operation: 'get', reason: 'corrupt' },
    ]);
    // a corrupt entry is Redis working: not a degraded lookup
    expect(store.stats()).toMatchObject({ hits: 0, misses: 2, errors: 2, degradedLookups: 0 });
  });

  it('answers through the hub when the cached entry is corrupt, then stores a good one', async () => {
    const prefix = uniquePrefix();
    const store = track(redisCache({ ...LIVE, prefix }));
    const mock = mockPlugin();
    const plugin = cachePlugin({ store, timeBudgetMs: GENEROUS_MS });
    const hub = createHub({ plugins: [mock, plugin] });
    hubs.push(hub);
    const key = plugin.middleware.keyFor(ask('q'), 'mock');
    await admin.set(`${prefix}${key}`, '\u0000garbage', { PX: 60_000 });
    expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
    expect(mock.provider.calls).toHaveLength(1);
    const stored = await admin.get(`${prefix}${key}`);
    expect(JSON.parse(stored as string).text).toBe('Echo: q');
    expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
    expect(mock.provider.calls).toHaveLength(1);
  });

  it('invalidates one key, counts and clears only keys under its prefix', async () => {
    // glob characters in the prefix must match literally
    const prefix = `${uniquePrefix()}[a]*?:`;
    const neighbour = `${prefix.slice(0, -6)}ab:`;
    const store = track(redisCache({ ...LIVE, prefix }));
    await store.set('one', responseOf('1'), 60_000);
    await store.set('two', responseOf('2'), 60_000);
    await admin.set(`${neighbour}kept`, 'x', { PX: 60_000 });
    expect(await store.countEntries()).toBe(2);
    expect(store.stats().size).toBe(2);
    expect(await store.invalidate('one')).toBe(true);
    expect(await store.invalidate('one')).toBe(false);
    await store.get('two');
    await store.clear();
    expect(await store.get('two')).toBeUndefined();
    expect(await admin.get(`${neighbour}kept`)).toBe('x');
    expect(store.stats()).toMatchObject({ hits: 0, misses: 1, evictions: 0, size: 0, errors: 0 });
  });

  it('uses a client passed in and leaves it open on close', async () => {
    const prefix = uniquePrefix();
    const store = redisCache({ client: admin, prefix, commandTimeoutMs: GENEROUS_MS });
    await store.set('k', responseOf('via the caller client'), 60_000);
    expect(textOf(await store.get('k'))).toBe('via the caller client');
    await store.close();
    expect(admin.isOpen).toBe(true);
  });

  it('rejects with cancelled when the caller aborts', async () => {
    const store = track(redisCache({ ...LIVE, prefix: uniquePrefix() }));
    const controller = new AbortController();
    controller.abort();
    const error = await store.get('k', { signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(ConnectorError.isInstance(error) && error.code).toBe('cancelled');
    expect(store.stats().errors).toBe(0);
  });

  it('reconnects on demand after the connection drops', async () => {
    const proxy = await startProxy();
    const lost: CacheErrorInfo[] = [];
    const store = track(
      redisCache({
        url: proxy.urlFor(REDIS_URL),
        commandTimeoutMs: GENEROUS_MS,
        prefix: uniquePrefix(),
        onError: (_error, info) => lost.push(info),
      }),
    );
    await store.set('k', responseOf('before the cut'), 60_000);
    // cut the connection, and let the next one through
    proxy.interrupt();
    proxy.restore();
    await vi.waitFor(
      () => expect(lost).toContainEqual({ store: 'redis', operation: 'connect', reason: 'failed' }),
      EVENTUALLY,
    );
    expect(textOf(await store.get('k'))).toBe('before the cut');
    expect(proxy.connections()).toBe(2);
  });
});

describe('redisCache when Redis is unavailable', () => {
  it('degrades to misses without failing requests when nothing listens', async () => {
    const errors: { code: string; info: CacheErrorInfo }[] = [];
    const store = track(
      redisCache({
        url: 'redis://127.0.0.1:1',
        prefix: uniquePrefix(),
        // a refused connection fails at once: only a budget as generous as this keeps a busy
        // machine from turning some of these failures into timeouts
        commandTimeoutMs: GENEROUS_MS,
        onError: (error, info) => errors.push({ code: error.code, info }),
      }),
    );
    const { hub, provider } = hubWith(store);
    for (let index = 0; index < 3; index++) expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
    const replay = await collect(hub.stream(ask('q')));
    expect(replay.at(-1)?.type).toBe('finish');
    expect(provider.calls).toHaveLength(4);
    // every read and write failed, and each was reported
    expect(store.stats()).toMatchObject({
      hits: 0,
      misses: 4,
      errors: 8,
      degradedLookups: 4,
      droppedWrites: 4,
      timeouts: 0,
    });
    expect(errors).toHaveLength(8);
    expect(new Set(errors.map((entry) => entry.code))).toEqual(new Set(['network']));
    expect(store.state()).toBe('down');
  });

  it('gives up within the command budget when Redis accepts but never answers', async () => {
    const url = await startSilentServer();
    const storeErrors: CacheErrorInfo[] = [];
    // a connect timeout far beyond the test timeout: only the 20 ms command budget can end the wait
    const store = track(
      redisCache({
        url,
        prefix: uniquePrefix(),
        connectTimeoutMs: 600_000,
        commandTimeoutMs: 20,
        onError: (_error, info) => storeErrors.push(info),
      }),
    );
    const { hub, provider } = hubWith(store);
    expect((await hub.complete(ask('hung'))).text).toBe('Echo: hung');
    expect((await hub.complete(ask('hung'))).text).toBe('Echo: hung');
    expect(provider.calls).toHaveLength(2);
    // two reads and two writes, each given up after its budget
    expect(storeErrors).toEqual(
      Array(4).fill({ store: 'redis', operation: expect.any(String), reason: 'timeout' }),
    );
    expect(store.stats()).toMatchObject({
      misses: 2,
      errors: 4,
      degradedLookups: 2,
      droppedWrites: 2,
      timeouts: 4,
    });
    // it accepted the connection and is only slow: not down
    expect(store.state()).toBe('up');
  });

  it('is cut short by the middleware budget when that is the smaller one', async () => {
    const url = await startSilentServer();
    const middlewareErrors: CacheErrorInfo[] = [];
    // the store's own budget (50 ms) starts after the middleware's 10 ms one and ends later, and
    // Node fires due timers in the order they end: the middleware gives up first at any load
    const store = track(redisCache({ url, prefix: uniquePrefix(), connectTimeoutMs: 600_000 }));
    const mock = mockPlugin();
    const plugin = cachePlugin({
      store,
      timeBudgetMs: 10,
      onError: (_error, info) => middlewareErrors.push(info),
    });
    const hub = createHub({ plugins: [mock, plugin] });
    hubs.push(hub);
    expect((await hub.complete(ask('hung'))).text).toBe('Echo: hung');
    expect(middlewareErrors).toEqual([
      { store: 'redis', operation: 'get', reason: 'timeout' },
      { store: 'redis', operation: 'set', reason: 'timeout' },
    ]);
    // counted once: by the middleware that gave up, not again by the store it cancelled
    expect(plugin.middleware.stats().errors).toBe(2);
  });

  it('closes promptly even while a connection attempt hangs', async () => {
    const url = await startSilentServer();
    const store = redisCache({ url, prefix: uniquePrefix(), connectTimeoutMs: 600_000 });
    expect(await store.get('k')).toBeUndefined();
    await store.close();
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('redisCache connection state', () => {
  it('announces down once and up once across an outage of its own connection', async () => {
    const proxy = await startProxy();
    const recorder = recordStateChanges<RedisConnectionState>();
    const store = track(
      redisCache({
        url: proxy.urlFor(REDIS_URL),
        prefix: uniquePrefix(),
        commandTimeoutMs: GENEROUS_MS,
        onStateChange: recorder.onStateChange,
      }),
    );
    await store.set('k', responseOf('kept in Redis'), 3_600_000);
    expect(store.state()).toBe('up');

    const wentDown = recorder.next();
    proxy.interrupt();
    await wentDown;
    expect(store.state()).toBe('down');
    // every lookup meanwhile is a degraded miss, and announces nothing more
    for (let index = 0; index < 3; index++) expect(await store.get('k')).toBeUndefined();
    expect(store.stats()).toMatchObject({ hits: 0, misses: 3, degradedLookups: 3, timeouts: 0 });

    proxy.restore();
    // the store reconnects on a later request, after its back-off
    await vi.waitFor(async () => expect(textOf(await store.get('k'))).toBe('kept in Redis'), EVENTUALLY);
    expect(store.state()).toBe('up');
    expect(recorder.changes.map((change) => change.state)).toEqual(['down', 'up']);
    expect(recorder.changes[0]?.error).toBeInstanceOf(Error);
    expect(recorder.changes[1]?.arguments).toBe(1);
  });

  it('derives the state of a client it was given from its commands', async () => {
    const proxy = await startProxy();
    const client = createClient({
      url: proxy.urlFor(REDIS_URL),
      disableOfflineQueue: true,
      socket: { reconnectStrategy: () => 20 },
    });
    client.on('error', () => {});
    await client.connect();
    cleanups.push(async () => {
      if (client.isOpen) client.destroy();
    });
    const recorder = recordStateChanges<RedisConnectionState>();
    const store = redisCache({
      client,
      prefix: uniquePrefix(),
      commandTimeoutMs: GENEROUS_MS,
      onStateChange: recorder.onStateChange,
    });
    await store.set('k', responseOf('kept in Redis'), 3_600_000);

    proxy.interrupt();
    await once(client, 'error');
    for (let index = 0; index < 3; index++) expect(await store.get('k')).toBeUndefined();
    expect(store.state()).toBe('down');
    expect(store.stats()).toMatchObject({ degradedLookups: 3 });

    proxy.restore();
    await once(client, 'ready');
    expect(textOf(await store.get('k'))).toBe('kept in Redis');
    expect(store.state()).toBe('up');
    expect(recorder.changes.map((change) => change.state)).toEqual(['down', 'up']);
  });
});

describe('redisCache options', () => {
  it('validates before any I/O, never echoing the URL', () => {
    expect(() => redisCache({ url: REDIS_URL, client: admin })).toThrow(ConfigError);
    let failure: unknown;
    try {
      redisCache({ url: 'http://user:s3cret@example.com' });
    } catch (error) {
      failure = error;
    }
    expect(ConfigError.isConfigError(failure) && failure.path).toBe('url');
    expect((failure as Error).message).not.toContain('s3cret');
    expect(() => redisCache({ prefix: '' })).toThrow(/prefix/);
    expect(() => redisCache({ commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs/);
    expect(() => redisCache({ connectTimeoutMs: 1.5 })).toThrow(/connectTimeoutMs/);
    expect(() => redisCache({ onStateChange: 'log' as unknown as () => void })).toThrow(/onStateChange/);
  });

  it('rejects a TTL that is not a positive integer', async () => {
    const store = redisCache({ client: admin, prefix: uniquePrefix() });
    const error = await store.set('k', responseOf('x'), 0).catch((thrown: unknown) => thrown);
    expect(ConnectorError.isInstance(error) && error.code).toBe('invalid_request');
  });
});
