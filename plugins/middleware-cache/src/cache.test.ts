import {
  type CacheStrategy,
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  ConnectorError,
  createHub,
  ErrorAction,
  foldStream,
  type Hub,
  type MetricsCollector,
  type Middleware,
  type StreamChunk,
} from '@hub/core';
import { type MockProvider, mockPlugin } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cache } from './cache.js';
import type { CacheErrorInfo } from './cache-error-info.js';
import { type CachePluginOptions, cachePlugin } from './cache-plugin.js';
import type { CachedResponse } from './cached-response.js';
import type { InProcessCacheStore } from './in-process-cache-store.js';
import { memoryCache } from './memory-cache.js';

const ask = (text: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'mock/mock-1',
  messages: [{ role: 'user', content: text }],
  temperature: 0,
  ...extra,
});

const collect = async (stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> => {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
};

const fold = (chunks: readonly StreamChunk[]): Promise<CompletionResponse> =>
  foldStream(
    (async function* () {
      yield* chunks;
    })(),
    { provider: 'mock', model: 'mock-1' },
  );

const errorOf = async (promise: Promise<unknown>): Promise<ConnectorError> => {
  try {
    await promise;
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

/** Lets every pending callback and microtask run (followers reach their wait). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Fakes only setTimeout, so a provider's `delayMs` ends when the test says, not when the machine
 * gets to it: every follower joins while the leader is still waiting, however slow the machine.
 */
const holdDelays = (): void => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
};

interface Harness {
  readonly hub: Hub;
  readonly provider: MockProvider;
  readonly plugin: ReturnType<typeof cachePlugin>;
  /** `hit` of every `recordCacheLookup`, in order. */
  readonly lookups: boolean[];
  /** `context.metadata` of every settled call, in order. */
  readonly settled: Map<string, string>[];
}

const hubs: Hub[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

function setup(options: CachePluginOptions = {}, outer: Middleware[] = []): Harness {
  const mock = mockPlugin();
  const plugin = cachePlugin(options);
  const lookups: boolean[] = [];
  const settled: Map<string, string>[] = [];
  const observer: Middleware = {
    name: 'observer',
    onSettled(_outcome, context) {
      settled.push(new Map(context.metadata));
    },
  };
  const metrics: MetricsCollector = {
    name: 'spy',
    recordRequest() {},
    recordCacheLookup(_labels, hit) {
      lookups.push(hit);
    },
  };
  const hub = createHub({ plugins: [mock, plugin], middleware: [observer, ...outer], metrics: [metrics] });
  hubs.push(hub);
  return { hub, provider: mock.provider, plugin, lookups, settled };
}

describe('cache middleware with complete', () => {
  it('answers an identical request from the cache without calling the provider', async () => {
    const { hub, provider, plugin, lookups, settled } = setup();
    const first = await hub.complete(ask('hello'));
    const second = await hub.complete(ask('hello'));
    expect(provider.calls).toHaveLength(1);
    expect(second).toEqual(first);
    expect(lookups).toEqual([false, true]);
    expect(settled.map((metadata) => metadata.get('cache.hit'))).toEqual(['false', 'true']);
    expect(settled[1]?.get('cache.status')).toBe('hit');
    expect(settled[1]?.get('cache.key')).toBe(plugin.middleware.keyFor(ask('hello'), 'mock'));
    expect(plugin.middleware.stats()).toMatchObject({ hits: 1, misses: 1, size: 1, errors: 0 });
  });

  it('ignores metadata and user when matching, but not the prompt', async () => {
    const { hub, provider } = setup();
    await hub.complete(ask('hello', { metadata: { tenant: 'a' }, user: 'u1' }));
    await hub.complete(ask('hello', { metadata: { tenant: 'b' }, user: 'u2' }));
    await hub.complete(ask('hello again'));
    expect(provider.calls).toHaveLength(2);
  });

  it('by default caches only temperature 0 or an explicit opt-in, and honours an opt-out', async () => {
    const { hub, provider } = setup();
    const sampled = ask('sampled', { temperature: 0.7 });
    await hub.complete(sampled);
    await hub.complete(sampled);
    expect(provider.calls).toHaveLength(2);

    const optedIn = ask('opted in', { temperature: 0.7, metadata: { cache: 'true' } });
    await hub.complete(optedIn);
    await hub.complete(optedIn);
    expect(provider.calls).toHaveLength(3);

    const optedOut = ask('opted out', { metadata: { cache: 'false' } });
    await hub.complete(optedOut);
    await hub.complete(optedOut);
    expect(provider.calls).toHaveLength(5);
  });

  it('uses a custom shouldCache predicate', async () => {
    const shouldCache = vi.fn((request: CompletionRequest) => request.metadata?.tenant === 'cached');
    const { hub, provider } = setup({ shouldCache });
    await hub.complete(ask('x', { temperature: 1, metadata: { tenant: 'cached' } }));
    await hub.complete(ask('x', { temperature: 1, metadata: { tenant: 'cached' } }));
    await hub.complete(ask('x', { metadata: { tenant: 'other' } }));
    expect(provider.calls).toHaveLength(2);
    expect(shouldCache).toHaveBeenCalledTimes(3);
  });

  it('stores stop and tool_calls answers, not truncated or failed ones', async () => {
    const { hub, provider } = setup();
    provider.enqueue(
      { type: 'text', text: 'cut off', finishReason: 'length' },
      { type: 'text', text: 'cut off again', finishReason: 'length' },
      { type: 'tool-call', name: 'lookup', arguments: '{}' },
    );
    expect((await hub.complete(ask('long'))).finishReason).toBe('length');
    expect((await hub.complete(ask('long'))).text).toBe('cut off again');
    await hub.complete(ask('tool'));
    const replay = await hub.complete(ask('tool'));
    expect(replay.finishReason).toBe('tool_calls');
    expect(provider.calls).toHaveLength(3);
  });

  it('stores other finish reasons when configured', async () => {
    const { hub, provider } = setup({ cacheFinishReasons: ['length'] });
    provider.enqueue({ type: 'text', text: 'cut off', finishReason: 'length' });
    await hub.complete(ask('long'));
    expect((await hub.complete(ask('long'))).text).toBe('cut off');
    expect(provider.calls).toHaveLength(1);
  });

  it('never stores a failed call', async () => {
    const { hub, provider } = setup();
    provider.enqueue({ type: 'error', error: new ConnectorError('invalid_request', 'bad') });
    expect((await errorOf(hub.complete(ask('fails once')))).code).toBe('invalid_request');
    expect((await hub.complete(ask('fails once'))).text).toBe('Echo: fails once');
    expect(provider.calls).toHaveLength(2);
  });

  it('returns the cached answer to outer middleware once, as a normal response', async () => {
    const seen: string[] = [];
    const outer: Middleware = {
      name: 'outer',
      onResponse(response) {
        seen.push(response.text);
        return { ...response, text: `${response.text}!` };
      },
    };
    const { hub } = setup({}, [outer]);
    expect((await hub.complete(ask('hi'))).text).toBe('Echo: hi!');
    expect((await hub.complete(ask('hi'))).text).toBe('Echo: hi!');
    expect(seen).toEqual(['Echo: hi', 'Echo: hi']);
  });
});

describe('per-request controls', () => {
  it('cache.bypass neither reads nor writes', async () => {
    const { hub, provider, settled } = setup();
    await hub.complete(ask('q'));
    provider.enqueue({ type: 'text', text: 'fresh' });
    const bypassed = await hub.complete(ask('q', { metadata: { 'cache.bypass': 'true' } }));
    expect(bypassed.text).toBe('fresh');
    expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
    expect(provider.calls).toHaveLength(2);
    expect(settled[1]?.get('cache.status')).toBe('bypass');
  });

  it('cache.refresh skips the lookup and stores the fresh answer', async () => {
    const { hub, provider, lookups } = setup();
    await hub.complete(ask('q'));
    provider.enqueue({ type: 'text', text: 'fresh' });
    expect((await hub.complete(ask('q', { metadata: { 'cache.refresh': 'true' } }))).text).toBe('fresh');
    expect((await hub.complete(ask('q'))).text).toBe('fresh');
    expect(provider.calls).toHaveLength(2);
    expect(lookups).toEqual([false, true]);
  });

  it('cache.ttl overrides the TTL of the stored answer', async () => {
    let now = 1_000;
    const store = memoryCache({ clock: () => now });
    const { hub, provider } = setup({ store, ttlMs: 60_000 });
    await hub.complete(ask('short', { metadata: { 'cache.ttl': '100' } }));
    await hub.complete(ask('long'));
    now += 99;
    await hub.complete(ask('short'));
    expect(provider.calls).toHaveLength(2);
    now += 2;
    await hub.complete(ask('short'));
    await hub.complete(ask('long'));
    expect(provider.calls).toHaveLength(3);
    now += 60_000;
    await hub.complete(ask('long'));
    expect(provider.calls).toHaveLength(4);
  });

  it('rejects a malformed cache.ttl as an invalid request naming the field', async () => {
    const { hub, provider } = setup();
    const error = await errorOf(hub.complete(ask('q', { metadata: { 'cache.ttl': '5s' } })));
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe('metadata.cache.ttl');
    expect(provider.calls).toHaveLength(0);
  });
});

describe('cache middleware with streams', () => {
  it('replays a cached stream equal to the original, finish last', async () => {
    const { hub, provider, settled } = setup();
    provider.enqueue({ type: 'text', text: 'one two three' });
    const original = await collect(hub.stream(ask('stream me')));
    const replay = await collect(hub.stream(ask('stream me')));
    expect(provider.calls).toHaveLength(1);
    expect(settled[1]?.get('cache.hit')).toBe('true');
    expect(replay.at(-1)).toEqual(original.at(-1));
    expect(replay.at(-1)?.type).toBe('finish');
    expect(new Set(replay.map((chunk) => chunk.type))).toEqual(new Set(original.map((chunk) => chunk.type)));
    expect(await fold(replay)).toEqual(await fold(original));
    // complete and stream share entries
    expect((await hub.complete(ask('stream me'))).text).toBe('one two three');
    expect(provider.calls).toHaveLength(1);
  });

  it('replays tool calls and reasoning', async () => {
    const { hub, provider } = setup();
    const chunks: StreamChunk[] = [
      { type: 'reasoning-delta', text: 'think', signature: 'sig' },
      { type: 'text-delta', text: 'calling' },
      { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'lookup', argumentsDelta: '{"q":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"x"}' },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
        responseId: 'resp-tools',
        model: 'mock-1',
      },
    ];
    provider.enqueue({ type: 'chunks', chunks });
    const original = await collect(hub.stream(ask('tools')));
    const replay = await collect(hub.stream(ask('tools')));
    expect(provider.calls).toHaveLength(1);
    expect(await fold(replay)).toEqual(await fold(original));
  });

  it('stores a stream answered from the cache of a complete call', async () => {
    const { hub, provider } = setup();
    const response = await hub.complete(ask('either way'));
    const replay = await collect(hub.stream(ask('either way')));
    expect(provider.calls).toHaveLength(1);
    expect((await fold(replay)).text).toBe(response.text);
  });

  it('never stores a stream its caller abandoned', async () => {
    const { hub, provider } = setup();
    provider.enqueue({ type: 'text', text: 'a b c d e f', chunkDelayMs: 1 });
    for await (const _chunk of hub.stream(ask('abandon'))) break;
    expect(await provider.ended(0)).toBe('closed');
    await hub.complete(ask('abandon'));
    expect(provider.calls).toHaveLength(2);
  });

  it('never stores a stream aborted by its signal', async () => {
    const { hub, provider } = setup();
    provider.enqueue({ type: 'hang', text: 'partial' });
    const controller = new AbortController();
    const chunks: StreamChunk[] = [];
    const failure = (async () => {
      for await (const chunk of hub.stream(ask('aborted'), { signal: controller.signal })) {
        chunks.push(chunk);
        controller.abort();
      }
    })();
    expect((await errorOf(failure)).code).toBe('cancelled');
    expect(chunks).toHaveLength(1);
    await hub.complete(ask('aborted'));
    expect(provider.calls).toHaveLength(2);
  });

  it('never stores a stream that failed midway', async () => {
    const { hub, provider } = setup();
    provider.enqueue({
      type: 'error',
      error: new ConnectorError('stream', 'connection reset'),
      afterChunks: 2,
      text: 'half an answer',
    });
    expect((await errorOf(collect(hub.stream(ask('broken'))))).code).toBe('stream');
    expect((await hub.complete(ask('broken'))).text).toBe('Echo: broken');
    expect(provider.calls).toHaveLength(2);
  });
});

describe('single flight', () => {
  it('makes exactly one upstream call for 100 concurrent identical requests', async () => {
    holdDelays();
    const { hub, provider, lookups, plugin } = setup();
    provider.enqueue({ type: 'text', text: 'shared answer', delayMs: 20 });
    const pending = Promise.all(Array.from({ length: 100 }, () => hub.complete(ask('same'))));
    await settle();
    // every request has arrived and the leader's answer is still held
    expect(provider.calls.map((call) => call.ended)).toEqual([undefined]);
    await vi.advanceTimersByTimeAsync(20);
    const results = await pending;
    expect(provider.calls).toHaveLength(1);
    expect(new Set(results.map((result) => result.text))).toEqual(new Set(['shared answer']));
    expect(lookups.filter((hit) => !hit)).toHaveLength(1);
    expect(lookups.filter((hit) => hit)).toHaveLength(99);
    // one store lookup (the leader's) and one entry
    expect(plugin.middleware.stats()).toMatchObject({ misses: 1, hits: 0, size: 1 });
  });

  it('shares one upstream stream between 100 concurrent stream and complete callers', async () => {
    const { hub, provider } = setup();
    provider.enqueue({ type: 'text', text: 'streamed to all', chunkDelayMs: 2 });
    const streams = Array.from({ length: 50 }, () => collect(hub.stream(ask('same stream'))).then(fold));
    const completes = Array.from({ length: 50 }, () => hub.complete(ask('same stream')));
    const results = await Promise.all([...streams, ...completes]);
    expect(provider.calls).toHaveLength(1);
    expect(new Set(results.map((result) => result.text))).toEqual(new Set(['streamed to all']));
  });

  it('gives every waiter the leader error', async () => {
    holdDelays();
    const { hub, provider } = setup();
    provider.enqueue({ type: 'error', error: new ConnectorError('content_filter', 'refused'), delayMs: 20 });
    const pending = Promise.allSettled(Array.from({ length: 10 }, () => hub.complete(ask('bad'))));
    await settle();
    await vi.advanceTimersByTimeAsync(20);
    const settledCalls = await pending;
    expect(provider.calls).toHaveLength(1);
    for (const result of settledCalls) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason.code).toBe('content_filter');
    }
  });

  it('rejects only the waiter that aborts', async () => {
    holdDelays();
    const { hub, provider } = setup();
    provider.enqueue({ type: 'text', text: 'worth the wait', delayMs: 100 });
    const leader = hub.complete(ask('wait'));
    await settle();
    const controller = new AbortController();
    const quitter = hub.complete(ask('wait'), { signal: controller.signal });
    const patient = hub.complete(ask('wait'));
    await settle();
    controller.abort();
    const quit = await errorOf(quitter);
    expect(provider.calls.map((call) => call.ended)).toEqual([undefined]);
    expect(quit.code).toBe('cancelled');
    expect(quit.message).toMatch(/waiting for an identical request/);
    await vi.advanceTimersByTimeAsync(100);
    expect((await leader).text).toBe('worth the wait');
    expect((await patient).text).toBe('worth the wait');
    expect(provider.calls).toHaveLength(1);
    expect(provider.calls[0]?.ended).toBe('completed');
  });

  it('lets waiters call upstream themselves when the leader cancels', async () => {
    const { hub, provider } = setup();
    provider.enqueue({ type: 'hang' });
    const controller = new AbortController();
    const leader = hub.complete(ask('leader leaves'), { signal: controller.signal });
    await settle();
    const waiters = Array.from({ length: 5 }, () => hub.complete(ask('leader leaves')));
    await settle();
    controller.abort();
    expect((await errorOf(leader)).code).toBe('cancelled');
    const results = await Promise.all(waiters);
    expect(results.map((result) => result.text)).toEqual(Array(5).fill('Echo: leader leaves'));
    // the leader's abandoned call, then one call by the waiter that took over
    expect(provider.calls).toHaveLength(2);
  });

  it('lets waiters call upstream themselves when the leader abandons its stream', async () => {
    const { hub, provider } = setup();
    provider.enqueue({ type: 'text', text: 'a b c d e f g h', chunkDelayMs: 5 });
    const iterator = hub.stream(ask('abandoned stream'))[Symbol.asyncIterator]();
    await iterator.next();
    const waiters = Array.from({ length: 3 }, () => collect(hub.stream(ask('abandoned stream'))).then(fold));
    await settle();
    await iterator.return?.();
    const results = await Promise.all(waiters);
    expect(results.map((result) => result.text)).toEqual(Array(3).fill('Echo: abandoned stream'));
    expect(provider.calls).toHaveLength(2);
  });

  it('keeps waiters attached through the leader retries', async () => {
    let retried = false;
    const retryOnce: Middleware = {
      name: 'retry-once',
      onError() {
        if (retried) return undefined;
        retried = true;
        return ErrorAction.retry(0);
      },
    };
    const mock = mockPlugin();
    // retry runs inside the cache (listed after it), so the leader retries within its flight
    const withRetry = createHub({ plugins: [mock], middleware: [cache(), retryOnce] });
    hubs.push(withRetry);
    const provider = mock.provider;
    holdDelays();
    provider.enqueue(
      { type: 'error', error: new ConnectorError('overloaded', 'busy'), delayMs: 10 },
      { type: 'text', text: 'after retry', delayMs: 10 },
    );
    const pending = Promise.all(Array.from({ length: 10 }, () => withRetry.complete(ask('retry'))));
    await settle();
    // the first attempt fails at 10 ms, the retry answers 10 ms later
    await vi.advanceTimersByTimeAsync(20);
    const results = await pending;
    expect(results.map((result) => result.text)).toEqual(Array(10).fill('after retry'));
    expect(provider.calls).toHaveLength(2);
  });

  it('can be turned off', async () => {
    const { hub, provider } = setup({ singleFlight: false });
    const results = await Promise.all(Array.from({ length: 3 }, () => hub.complete(ask('solo'))));
    expect(results).toHaveLength(3);
    expect(provider.calls).toHaveLength(3);
  });

  it('takes over from a leader that takes longer than maxWaitMs', async () => {
    const { hub, provider } = setup({ maxWaitMs: 20 });
    provider.enqueue({ type: 'hang' });
    const controller = new AbortController();
    const stuck = hub.complete(ask('stuck'), { signal: controller.signal });
    await settle();
    expect((await hub.complete(ask('stuck'))).text).toBe('Echo: stuck');
    expect(provider.calls).toHaveLength(2);
    controller.abort();
    expect((await errorOf(stuck)).code).toBe('cancelled');
  });
});

describe('store failures', () => {
  const answer = (text: string): CompletionResponse => ({
    id: 'x',
    provider: 'mock',
    model: 'mock-1',
    text,
    content: [{ type: 'text', text }],
    finishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  });

  const fakeStore = (overrides: Partial<CacheStrategy>): CacheStrategy => ({
    name: 'fake',
    get: async () => undefined,
    set: async () => {},
    invalidate: async () => false,
    clear: async () => {},
    stats: () => ({ hits: 0, misses: 0, evictions: 0, size: 0 }),
    ...overrides,
  });

  it('treats a throwing store as a miss and ignores a failed write', async () => {
    const errors: CacheErrorInfo[] = [];
    const store = fakeStore({
      get: async () => {
        throw new Error('connection lost');
      },
      set: () => Promise.reject(new Error('read-only replica')),
    });
    const { hub, plugin } = setup({ store, onError: (_error, info) => errors.push(info) });
    expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
    expect(errors).toEqual([
      { store: 'fake', operation: 'get', reason: 'failed' },
      { store: 'fake', operation: 'set', reason: 'failed' },
    ]);
    expect(plugin.middleware.stats().errors).toBe(2);
  });

  it('gives up on a store that hangs after the time budget', async () => {
    const errors: { code: string; info: CacheErrorInfo }[] = [];
    const signals: AbortSignal[] = [];
    const never = (options?: { signal?: AbortSignal }) => {
      if (options?.signal !== undefined) signals.push(options.signal);
      return new Promise<never>(() => {});
    };
    const store = fakeStore({
      get: (_key, options) => never(options),
      set: (_k, _v, _t, options) => never(options),
    });
    const { hub } = setup({
      store,
      timeBudgetMs: 10,
      onError: (error, info) => errors.push({ code: error.code, info }),
    });
    expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
    expect(errors).toEqual([
      { code: 'timeout', info: { store: 'fake', operation: 'get', reason: 'timeout' } },
      { code: 'timeout', info: { store: 'fake', operation: 'set', reason: 'timeout' } },
    ]);
    // the store was told to stop
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
  });

  it('treats a corrupt value as a miss and deletes it', async () => {
    const invalidated: string[] = [];
    const errors: CacheErrorInfo[] = [];
    const store = fakeStore({
      get: async () => ({ not: 'a response' }) as unknown as CompletionResponse,
      invalidate: async (key) => {
        invalidated.push(key);
        return true;
      },
    });
    const { hub, plugin } = setup({ store, onError: (_error, info) => errors.push(info) });
    expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
    expect(invalidated).toEqual([plugin.middleware.keyFor(ask('q'), 'mock')]);
    expect(errors).toEqual([{ store: 'fake', operation: 'get', reason: 'corrupt' }]);
  });

  it('survives an onError handler that throws', async () => {
    const store = fakeStore({ get: () => Promise.reject(new Error('down')) });
    const { hub } = setup({
      store,
      onError: () => {
        throw new Error('logger broke');
      },
    });
    expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
  });

  it('serves what a custom store returns', async () => {
    const store = fakeStore({ get: async () => answer('from the store') });
    const { hub, provider } = setup({ store });
    expect((await hub.complete(ask('q'))).text).toBe('from the store');
    expect(provider.calls).toHaveLength(0);
  });
});

describe('in-process stores', () => {
  const throwing = (what: string) => () => {
    throw new Error(`${what} must not be used for an in-process store`);
  };

  /** An in-process store on a Map whose promise methods must never be called. */
  function syncStore(overrides: Partial<InProcessCacheStore> = {}): InProcessCacheStore & {
    readonly entries: Map<string, CachedResponse>;
  } {
    const entries = new Map<string, CachedResponse>();
    return {
      name: 'sync',
      inProcess: true,
      entries,
      getSync: (key) => entries.get(key),
      setSync: (key, value) => {
        entries.set(key, value);
      },
      get: throwing('get'),
      set: throwing('set'),
      invalidate: async (key) => entries.delete(key),
      clear: async () => entries.clear(),
      stats: () => ({ hits: 0, misses: 0, evictions: 0, size: entries.size }),
      ...overrides,
    };
  }

  it('reads and writes them synchronously, never through their promise methods', async () => {
    const store = syncStore();
    const errors: CacheErrorInfo[] = [];
    const { hub, provider } = setup({ store, onError: (_error, info) => errors.push(info) });
    const first = await hub.complete(ask('sync'));
    expect(await hub.complete(ask('sync'))).toEqual(first);
    expect(provider.calls).toHaveLength(1);
    expect(store.entries.size).toBe(1);
    expect(errors).toEqual([]);
  });

  it('treats a throwing getSync as a miss and a throwing setSync as a dropped write', async () => {
    const errors: CacheErrorInfo[] = [];
    const store = syncStore({ getSync: throwing('getSync'), setSync: throwing('setSync') });
    const { hub, provider, plugin } = setup({ store, onError: (_error, info) => errors.push(info) });
    expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
    expect(provider.calls).toHaveLength(1);
    expect(errors).toEqual([
      { store: 'sync', operation: 'get', reason: 'failed' },
      { store: 'sync', operation: 'set', reason: 'failed' },
    ]);
    expect(plugin.middleware.stats().errors).toBe(2);
  });

  it('checks what they return like any store', async () => {
    const errors: CacheErrorInfo[] = [];
    const store = syncStore({ getSync: () => ({ not: 'a response' }) as unknown as CompletionResponse });
    const { hub, provider } = setup({ store, onError: (_error, info) => errors.push(info) });
    expect((await hub.complete(ask('q'))).text).toBe('Echo: q');
    expect(provider.calls).toHaveLength(1);
    expect(errors).toEqual([{ store: 'sync', operation: 'get', reason: 'corrupt' }]);
  });

  it('arms no time budget for the memory store, where a store behind promises gets one per operation', async () => {
    // a budget no other timer uses, to tell its timers apart (lru-cache has a clock timer of its own)
    const timeBudgetMs = 4_321;
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const budgets = (): number =>
      setTimeoutSpy.mock.calls.filter(([, delay]) => delay === timeBudgetMs).length;
    try {
      const { hub } = setup({ timeBudgetMs });
      await hub.complete(ask('in process'));
      await hub.complete(ask('in process'));
      expect(budgets()).toBe(0);

      const memory = memoryCache();
      const behindPromises: CacheStrategy<CachedResponse> = {
        name: 'remote',
        get: (key, options) => memory.get(key, options),
        set: (key, value, ttlMs, options) => memory.set(key, value, ttlMs, options),
        invalidate: (key, options) => memory.invalidate(key, options),
        clear: (options) => memory.clear(options),
        stats: () => memory.stats(),
      };
      const remote = setup({ store: behindPromises, timeBudgetMs });
      await remote.hub.complete(ask('remote'));
      await remote.hub.complete(ask('remote'));
      // the miss's get and set, and the hit's get
      expect(budgets()).toBe(3);
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });
});

describe('cache options and plugin', () => {
  it('validates options with errors naming the field', () => {
    expect(() => cache({ ttlMs: 0 })).toThrow(ConfigError);
    expect(() => cache({ ttlMs: 1.5 })).toThrow(/ttlMs/);
    expect(() => cache({ timeBudgetMs: -1 })).toThrow(/timeBudgetMs/);
    expect(() => cache({ namespace: '' })).toThrow(/namespace/);
    expect(() => cache({ cacheFinishReasons: ['done' as never] })).toThrow(/cacheFinishReasons/);
    expect(() => cache({ store: {} as CacheStrategy })).toThrow(/store/);
    try {
      cache({ maxWaitMs: 0 });
    } catch (error) {
      expect(ConfigError.isConfigError(error) && error.path).toBe('maxWaitMs');
    }
  });

  it('separates versions so a deploy can invalidate everything', async () => {
    const store = memoryCache();
    const first = setup({ store, version: 1 });
    await first.hub.complete(ask('q'));
    const second = setup({ store, version: 2 });
    await second.hub.complete(ask('q'));
    expect(second.provider.calls).toHaveLength(1);
    const again = setup({ store, version: 1 });
    await again.hub.complete(ask('q'));
    expect(again.provider.calls).toHaveLength(0);
  });

  it('registers under its name and closes the store only when asked', async () => {
    const close = vi.fn(async () => {});
    const store = { ...memoryCache(), close };
    const kept = cachePlugin({ store });
    expect(kept.name).toBe('@hub/middleware-cache');
    expect(kept.middleware.name).toBe('cache');
    const keptHub = createHub({ plugins: [mockPlugin(), kept] });
    await keptHub.close();
    expect(close).not.toHaveBeenCalled();
    const closing = createHub({ plugins: [mockPlugin(), cachePlugin({ store, closeStore: true })] });
    await closing.close();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('computes the key a request is stored under, with or without the provider prefix', () => {
    const middleware = cache({ namespace: 'app' });
    expect(middleware.keyFor(ask('q'), 'mock')).toBe(
      middleware.keyFor({ ...ask('q'), model: 'mock-1' }, 'mock'),
    );
    expect(middleware.keyFor(ask('q'), 'mock')).toMatch(/^app:1:/);
  });
});
