import {
  type CacheStrategy,
  type CompletionRequest,
  type CompletionResponse,
  createHub,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type Hub,
  type MetricsCollector,
  type Middleware,
} from '@hub/core';
import { createMockProvider, type MockProvider } from '@hub/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cache } from './cache.js';
import type { CacheErrorInfo } from './cache-error-info.js';
import type { CacheOptions } from './cache-options.js';
import type { CachedResponse } from './cached-response.js';
import { memoryCache } from './memory-cache.js';

/** A vector per input that depends on every character, the model, the dimensions and the input type. */
function vectorFor(text: string, request: EmbeddingRequest): Float32Array {
  const length = request.dimensions ?? 8;
  const salt = request.model.length + (request.inputType === 'document' ? 0.5 : 0);
  return new Float32Array(length).map(
    (_, index) => Math.sin(index + salt + [...text].length * 0.01) + text.charCodeAt(index % text.length),
  );
}

interface Embedder {
  readonly provider: MockProvider;
  readonly embedded: EmbeddingRequest[];
  readonly counted: CompletionRequest[];
  /** When set, `embed` waits for it: the test decides when the provider answers. */
  gate: Promise<void> | undefined;
}

function embedder(): Embedder {
  const provider = createMockProvider();
  const state: Embedder = { provider, embedded: [], counted: [], gate: undefined };
  provider.embed = async (request): Promise<EmbeddingResponse> => {
    state.embedded.push(request);
    if (state.gate !== undefined) await state.gate;
    const inputs = typeof request.input === 'string' ? [request.input] : request.input;
    return {
      provider: 'mock',
      model: request.model,
      embeddings: inputs.map((input) => vectorFor(input, request)),
      usage: { inputTokens: inputs.join('').length },
    };
  };
  provider.countTokens = async (request) => {
    state.counted.push(request);
    return { inputTokens: 7, exact: true, provider: 'mock', model: request.model };
  };
  return state;
}

interface Harness extends Embedder {
  readonly hub: Hub;
  readonly middleware: ReturnType<typeof cache>;
  readonly lookups: boolean[];
  /** `context.metadata` of every settled call, in order. */
  readonly settled: Map<string, string>[];
}

const hubs: Hub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

function setup(options: CacheOptions = {}): Harness {
  const state = embedder();
  const middleware = cache(options);
  const lookups: boolean[] = [];
  const settled: Map<string, string>[] = [];
  const observer: Middleware<'complete' | 'stream' | 'embed' | 'count-tokens'> = {
    name: 'observer',
    operations: ['complete', 'stream', 'embed', 'count-tokens'],
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
  const hub = createHub({
    providers: [state.provider],
    middleware: [observer, middleware],
    metrics: [metrics],
  });
  hubs.push(hub);
  return Object.assign(state, { hub, middleware, lookups, settled });
}

const embed = (
  input: string | readonly string[],
  extra: Partial<EmbeddingRequest> = {},
): EmbeddingRequest => ({
  model: 'mock/mock-1',
  input,
  ...extra,
});

const bytesOf = (response: EmbeddingResponse): number[][] =>
  response.embeddings.map((vector) => [
    ...new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength),
  ]);

describe('cache middleware with embed', () => {
  it('answers a second identical embed call from the cache with identical vectors, usage, provider and model', async () => {
    const { hub, embedded, lookups, settled, middleware } = setup();
    const first = await hub.embed(embed(['first text', 'second text'], { dimensions: 16 }));
    const second = await hub.embed(embed(['first text', 'second text'], { dimensions: 16 }));
    expect(embedded).toHaveLength(1);
    expect(second).toEqual(first);
    expect(bytesOf(second)).toEqual(bytesOf(first));
    expect(second.embeddings.map((vector) => vector.length)).toEqual([16, 16]);
    expect([second.provider, second.model, second.usage]).toEqual(['mock', 'mock-1', { inputTokens: 21 }]);
    expect(lookups).toEqual([false, true]);
    expect(settled.map((metadata) => metadata.get('cache.status'))).toEqual(['miss', 'hit']);
    expect(settled[1]?.get('cache.key')).toBe(
      middleware.keyFor(embed(['first text', 'second text'], { dimensions: 16 }), 'mock'),
    );
  });

  it('misses for a different input, input order, dimensions, input type or model', async () => {
    const { hub, embedded } = setup();
    const base = embed(['alpha', 'beta'], { dimensions: 8, inputType: 'query' });
    await hub.embed(base);
    const variants = [
      embed(['alpha', 'gamma'], { dimensions: 8, inputType: 'query' }),
      embed(['beta', 'alpha'], { dimensions: 8, inputType: 'query' }),
      embed(['alpha', 'beta'], { dimensions: 4, inputType: 'query' }),
      embed(['alpha', 'beta'], { dimensions: 8, inputType: 'document' }),
      embed(['alpha', 'beta'], { dimensions: 8 }),
      { ...base, model: 'mock/mock-2' },
    ];
    const responses = [];
    for (const variant of variants) responses.push(await hub.embed(variant));
    expect(embedded).toHaveLength(1 + variants.length);
    // each answer is the provider's for that request, not another entry's
    expect(responses[2]?.embeddings[0]).toHaveLength(4);
    await hub.embed(base);
    expect(embedded).toHaveLength(1 + variants.length);
  });

  it('ignores metadata, and honours opt-out, bypass and refresh', async () => {
    const { hub, embedded } = setup();
    await hub.embed(embed('text', { metadata: { tenant: 'a' } }));
    await hub.embed(embed('text', { metadata: { tenant: 'b' }, user: 'someone' }));
    expect(embedded).toHaveLength(1);
    await hub.embed(embed('text', { metadata: { cache: 'false' } }));
    await hub.embed(embed('text', { metadata: { 'cache.bypass': 'true' } }));
    await hub.embed(embed('text', { metadata: { 'cache.refresh': 'true' } }));
    expect(embedded).toHaveLength(4);
  });

  it('returns a copy on every hit: a caller changing its vectors does not change the next answer', async () => {
    const { hub } = setup();
    const first = await hub.embed(embed('mutable'));
    const expected = bytesOf(first);
    first.embeddings[0]?.fill(0);
    const hit = await hub.embed(embed('mutable'));
    hit.embeddings[0]?.fill(1);
    expect(bytesOf(await hub.embed(embed('mutable')))).toEqual(expected);
  });

  it('makes one provider call for identical embed calls in flight together', async () => {
    const setupResult = setup();
    const { hub, embedded } = setupResult;
    let open!: () => void;
    setupResult.gate = new Promise((resolve) => {
      open = resolve;
    });
    const pending = Promise.all(Array.from({ length: 10 }, () => hub.embed(embed(['same', 'batch']))));
    // every call has reached the cache: one waits at the provider, the others for it
    await new Promise((resolve) => setImmediate(resolve));
    expect(embedded).toHaveLength(1);
    open();
    const responses = await pending;
    expect(embedded).toHaveLength(1);
    for (const response of responses)
      expect(bytesOf(response)).toEqual(bytesOf(responses[0] as EmbeddingResponse));
  });

  it('treats a completion stored under an embedding key as corrupt: a miss, reported and deleted', async () => {
    const completion: CompletionResponse = {
      id: 'x',
      provider: 'mock',
      model: 'mock-1',
      text: 'not a vector',
      content: [{ type: 'text', text: 'not a vector' }],
      finishReason: 'stop',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    };
    const invalidated: string[] = [];
    const errors: CacheErrorInfo[] = [];
    const store: CacheStrategy<CachedResponse> = {
      name: 'foreign',
      get: async () => completion,
      set: async () => {},
      invalidate: async (key) => {
        invalidated.push(key);
        return true;
      },
      clear: async () => {},
      stats: () => ({ hits: 0, misses: 0, evictions: 0, size: 0 }),
    };
    const { hub, embedded, middleware } = setup({ store, onError: (_error, info) => errors.push(info) });
    const response = await hub.embed(embed('text'));
    expect(response.embeddings).toHaveLength(1);
    expect(embedded).toHaveLength(1);
    expect(errors).toEqual([{ store: 'foreign', operation: 'get', reason: 'corrupt' }]);
    expect(invalidated).toEqual([middleware.keyFor(embed('text'), 'mock')]);
  });
});

describe('cache middleware with count-tokens', () => {
  it('never looks up or stores a count: every call reaches the provider', async () => {
    const store = memoryCache();
    const { hub, counted, lookups, settled } = setup({ store });
    const request: CompletionRequest = {
      model: 'mock/mock-1',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0,
    };
    await hub.countTokens(request);
    await hub.countTokens(request);
    expect(counted).toHaveLength(2);
    expect(lookups).toEqual([]);
    expect(store.stats()).toMatchObject({ hits: 0, misses: 0, size: 0 });
    expect(settled.map((metadata) => metadata.has('cache.key'))).toEqual([false, false]);
  });
});
