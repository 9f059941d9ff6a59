import { randomUUID } from 'node:crypto';
import { createHub, type EmbeddingRequest, type EmbeddingResponse, type Hub } from '@hub/core';
import { cachePlugin } from '@hub/middleware-cache';
import { type MockProvider, mockPlugin } from '@hub/testing';
import { connectTestRedis, deleteKeysUnder, REDIS_URL, type TestRedisClient } from '@hub/testing/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisCache, redisCache } from './redis-cache.js';

// tests of behaviour (not of budgets) must not lose a cold connect on a busy machine to a budget
const GENEROUS_MS = 10_000;
// this file's own namespace, unique per run, so parallel files and runs never see each other's keys
const RUN_PREFIX = `test:cache-redis-embeddings:${randomUUID()}:`;

let admin: TestRedisClient;
const stores: RedisCache[] = [];
const hubs: Hub[] = [];

beforeAll(async () => {
  admin = await connectTestRedis();
});

afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

afterAll(async () => {
  await deleteKeysUnder(admin, RUN_PREFIX);
  await admin?.close();
});

let prefixCounter = 0;
const uniquePrefix = (): string => `${RUN_PREFIX}${++prefixCounter}:`;

const storeUnder = (prefix: string): RedisCache => {
  const store = redisCache({ url: REDIS_URL, prefix, commandTimeoutMs: GENEROUS_MS });
  stores.push(store);
  return store;
};

const bytesOf = (response: EmbeddingResponse): number[][] =>
  response.embeddings.map((vector) => [
    ...new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength),
  ]);

/** A vector per input that depends on the text, the dimensions and the input type. */
const vectorFor = (text: string, request: EmbeddingRequest): Float32Array =>
  new Float32Array(request.dimensions ?? 6).map(
    (_, index) =>
      Math.cos(index + (request.inputType === 'document' ? 0.5 : 0)) * text.charCodeAt(index % text.length),
  );

/** A hub on the mock provider, taught to embed, with the cache on `store`. */
function hubWith(store: RedisCache): { hub: Hub; provider: MockProvider; embedded: EmbeddingRequest[] } {
  const mock = mockPlugin();
  const embedded: EmbeddingRequest[] = [];
  mock.provider.embed = async (request) => {
    embedded.push(request);
    const inputs = typeof request.input === 'string' ? [request.input] : request.input;
    return {
      provider: 'mock',
      model: request.model,
      embeddings: inputs.map((input) => vectorFor(input, request)),
      usage: { inputTokens: 3 * inputs.length },
      cost: { inputUsd: 0.000_001, outputUsd: 0, totalUsd: 0.000_001 },
    };
  };
  const hub = createHub({ plugins: [mock, cachePlugin({ store, timeBudgetMs: GENEROUS_MS })] });
  hubs.push(hub);
  return { hub, provider: mock.provider, embedded };
}

const embed = (
  input: string | readonly string[],
  extra: Partial<EmbeddingRequest> = {},
): EmbeddingRequest => ({
  model: 'mock/mock-1',
  input,
  ...extra,
});

describe('redisCache with embeddings against a real Redis', () => {
  it('keeps a JSON header and the base64 of little-endian float32 vectors, read back bit for bit', async () => {
    const prefix = uniquePrefix();
    const store = storeUnder(prefix);
    const response: EmbeddingResponse = {
      provider: 'openai',
      model: 'text-embedding-3-small',
      embeddings: [
        new Float32Array([1, -0, Number.NaN]),
        new Float32Array(1536).map((_, index) => 1 / (index + 1)),
      ],
      usage: { inputTokens: 9 },
    };
    await store.set('vectors', response, 3_600_000);
    const stored = (await admin.get(`${prefix}vectors`)) as string;
    const [header, payload] = stored.split('\n') as [string, string];
    expect(JSON.parse(header)).toEqual({
      provider: 'openai',
      model: 'text-embedding-3-small',
      usage: { inputTokens: 9 },
      lengths: [3, 1536],
    });
    // 1.0f is 0x3f800000, little-endian 00 00 80 3f
    expect(payload.startsWith('AACAPw')).toBe(true);
    expect(payload).toHaveLength(Math.ceil(((3 + 1536) * 4) / 3) * 4);
    const read = (await store.get('vectors')) as EmbeddingResponse;
    expect(read).toEqual(response);
    expect(bytesOf(read)).toEqual(bytesOf(response));
  });

  it('answers a second identical embed call from Redis, in another hub too, with identical vectors', async () => {
    const prefix = uniquePrefix();
    const first = hubWith(storeUnder(prefix));
    const second = hubWith(storeUnder(prefix));
    const request = embed(['shared text', 'and another'], { dimensions: 12, inputType: 'document' });
    const original = await first.hub.embed(request);
    const again = await first.hub.embed(request);
    const elsewhere = await second.hub.embed(request);
    expect(first.embedded).toHaveLength(1);
    expect(second.embedded).toHaveLength(0);
    for (const hit of [again, elsewhere]) {
      expect(hit).toEqual(original);
      expect(bytesOf(hit)).toEqual(bytesOf(original));
      expect([hit.provider, hit.model, hit.usage, hit.cost]).toEqual([
        'mock',
        'mock-1',
        { inputTokens: 6 },
        { inputUsd: 0.000_001, outputUsd: 0, totalUsd: 0.000_001 },
      ]);
    }
  });

  it('misses for different dimensions, input type or input', async () => {
    const { hub, embedded } = hubWith(storeUnder(uniquePrefix()));
    const base = embed(['text'], { dimensions: 12, inputType: 'query' });
    await hub.embed(base);
    const dimensions = await hub.embed({ ...base, dimensions: 6 });
    await hub.embed({ ...base, inputType: 'document' });
    await hub.embed({ ...base, input: ['other text'] });
    await hub.embed({ ...base, input: ['text', 'text'] });
    expect(embedded).toHaveLength(5);
    expect(dimensions.embeddings[0]).toHaveLength(6);
    // and each stored answer is found again under its own key
    await hub.embed({ ...base, dimensions: 6 });
    await hub.embed(base);
    expect(embedded).toHaveLength(5);
  });
});
