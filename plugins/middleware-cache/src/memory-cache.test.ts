import { Buffer } from 'node:buffer';
import { type CompletionResponse, ConfigError, ConnectorError, type EmbeddingResponse } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { encodeCachedResponse } from './encode-cached-response.js';
import { isInProcessCacheStore } from './in-process-cache-store.js';
import { memoryCache } from './memory-cache.js';

const responseOf = (text: string): CompletionResponse => ({
  id: `id-${text.slice(0, 8)}`,
  provider: 'mock',
  model: 'mock-1',
  text,
  content: [{ type: 'text', text }],
  finishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
});

// a clock that never moves: no entry of the tests below may expire because the machine is slow
const frozen = (): number => 1_000;

/** Bytes one entry takes in the store: what the byte bound counts. */
const entryBytes = (key: string, response: CompletionResponse): number =>
  Buffer.byteLength(encodeCachedResponse(response)) + Buffer.byteLength(key);

describe('memoryCache', () => {
  it('stores, returns fresh copies and counts hits and misses', async () => {
    const store = memoryCache({ clock: frozen });
    const response = responseOf('hello');
    await store.set('k', response, 1_000);
    const first = await store.get('k');
    expect(first).toEqual(response);
    expect(first).not.toBe(response);
    expect(await store.get('missing')).toBeUndefined();
    expect(store.stats()).toEqual({
      hits: 1,
      misses: 1,
      evictions: 0,
      size: 1,
      bytes: entryBytes('k', response),
      errors: 0,
    });
  });

  it('drops raw before storing', async () => {
    const store = memoryCache({ clock: frozen });
    await store.set('k', { ...responseOf('x'), raw: { big: 'y'.repeat(1_000) } }, 1_000);
    expect(await store.get('k')).not.toHaveProperty('raw');
  });

  it('expires entries after their TTL on the injected clock', async () => {
    let now = 1_000;
    const store = memoryCache({ clock: () => now, defaultTtlMs: 60_000 });
    await store.set('short', responseOf('short'), 100);
    await store.set('default', responseOf('default'), 0);
    now += 99;
    expect(await store.get('short')).toBeDefined();
    now += 2;
    expect(await store.get('short')).toBeUndefined();
    expect(await store.get('default')).toBeDefined();
    now += 60_000;
    expect(await store.get('default')).toBeUndefined();
    // expiries are not evictions
    expect(store.stats()).toMatchObject({ hits: 2, misses: 2, evictions: 0, size: 0 });
  });

  it('evicts the least recently used entries to stay under maxBytes', async () => {
    const one = responseOf('a'.repeat(400));
    const size = entryBytes('k1', one);
    const store = memoryCache({ maxBytes: size * 3, clock: frozen });
    await store.set('k1', one, 10_000);
    await store.set('k2', responseOf('b'.repeat(400)), 10_000);
    await store.set('k3', responseOf('c'.repeat(400)), 10_000);
    // k1 becomes the most recently used, so k2 is the one to go
    expect(await store.get('k1')).toBeDefined();
    await store.set('k4', responseOf('d'.repeat(400)), 10_000);
    expect(await store.get('k2')).toBeUndefined();
    expect(await store.get('k1')).toBeDefined();
    expect(await store.get('k3')).toBeDefined();
    expect(await store.get('k4')).toBeDefined();
    const stats = store.stats();
    expect(stats.evictions).toBe(1);
    expect(stats.size).toBe(3);
    expect(stats.bytes).toBeLessThanOrEqual(size * 3);
  });

  it('bounds the entry count with maxEntries', async () => {
    const store = memoryCache({ maxEntries: 2, clock: frozen });
    for (const key of ['a', 'b', 'c']) await store.set(key, responseOf(key), 10_000);
    expect(store.stats()).toMatchObject({ size: 2, evictions: 1 });
    expect(await store.get('a')).toBeUndefined();
  });

  it('does not keep an entry larger than the whole bound', async () => {
    const store = memoryCache({ maxBytes: 100, clock: frozen });
    await store.set('big', responseOf('z'.repeat(500)), 10_000);
    expect(await store.get('big')).toBeUndefined();
    expect(store.stats().bytes).toBe(0);
  });

  it('invalidates one key and clears everything (resetting counters)', async () => {
    const store = memoryCache({ clock: frozen });
    await store.set('a', responseOf('a'), 10_000);
    await store.set('b', responseOf('b'), 10_000);
    expect(await store.invalidate('a')).toBe(true);
    expect(await store.invalidate('a')).toBe(false);
    await store.get('b');
    await store.clear();
    expect(await store.get('b')).toBeUndefined();
    expect(store.stats()).toEqual({ hits: 0, misses: 1, evictions: 0, size: 0, bytes: 0, errors: 0 });
  });

  it('rejects with cancelled when the signal already aborted', async () => {
    const store = memoryCache();
    const controller = new AbortController();
    controller.abort();
    const failure = await store.get('k', { signal: controller.signal }).catch((error: unknown) => error);
    expect(ConnectorError.isInstance(failure) && failure.code).toBe('cancelled');
  });

  it('validates its options', () => {
    expect(() => memoryCache({ maxBytes: 0 })).toThrow(ConfigError);
    expect(() => memoryCache({ maxEntries: 1.5 })).toThrow(/maxEntries/);
    expect(() => memoryCache({ defaultTtlMs: -1 })).toThrow(/defaultTtlMs/);
  });

  it('is an in-process store whose sync and promise methods share entries and counters', async () => {
    const store = memoryCache({ clock: frozen });
    expect(isInProcessCacheStore(store)).toBe(true);
    store.setSync('k', responseOf('sync'), 1_000);
    expect(await store.get('k')).toEqual(responseOf('sync'));
    await store.set('j', responseOf('async'), 1_000);
    expect(store.getSync('j')).toEqual(responseOf('async'));
    expect(store.getSync('missing')).toBeUndefined();
    expect(store.stats()).toMatchObject({ hits: 2, misses: 1, size: 2 });
  });
});

describe('memoryCache with embeddings', () => {
  const vectors = (): EmbeddingResponse => ({
    provider: 'openai',
    model: 'text-embedding-3-small',
    embeddings: [new Float32Array([0.1, -0.2, 0.3]), new Float32Array([1, 2, 3])],
    usage: { inputTokens: 4 },
  });

  it('returns an equal response, its vectors in one fresh buffer per hit', async () => {
    const store = memoryCache({ clock: frozen });
    const original = vectors();
    await store.set('e', original, 1_000);
    const first = (await store.get('e')) as EmbeddingResponse;
    expect(first).toEqual(original);
    expect(first.embeddings[0]?.buffer).toBe(first.embeddings[1]?.buffer);
    // neither the caller who stored it nor one who read it can change what the next reader gets
    original.embeddings[0]?.fill(9);
    first.embeddings[1]?.fill(9);
    expect(await store.get('e')).toEqual(vectors());
  });

  it('counts the header and four bytes per float against maxBytes', async () => {
    const store = memoryCache({ clock: frozen });
    await store.set('e', vectors(), 1_000);
    const header = JSON.stringify({
      provider: 'openai',
      model: 'text-embedding-3-small',
      usage: { inputTokens: 4 },
      lengths: [3, 3],
    });
    expect(store.stats().bytes).toBe(Buffer.byteLength('e') + Buffer.byteLength(header) + 6 * 4);
  });
});
