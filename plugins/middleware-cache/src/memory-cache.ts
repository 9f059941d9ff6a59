import { Buffer } from 'node:buffer';
import { type CacheStats, type CallOptions, ConfigError, throwIfAborted } from '@hub/core';
import { LRUCache } from 'lru-cache';
import type { CachedResponse } from './cached-response.js';
import { encodeCompletion } from './encode-cached-response.js';
import type { InProcessCacheStore } from './in-process-cache-store.js';
import {
  decodeEmbeddingEntry,
  type EmbeddingEntry,
  encodeEmbeddingEntry,
} from './internal/embedding-entry.js';

/** Options of `memoryCache`. */
export interface MemoryCacheOptions {
  /**
   * Upper bound of the bytes held (UTF-8 length of every serialized entry and its key). The least
   * recently used entries are evicted to respect it. Default 64 MiB.
   */
  readonly maxBytes?: number;
  /** Upper bound of the entries held, on top of `maxBytes`. Default: none. */
  readonly maxEntries?: number;
  /** TTL used when `set` is given no valid TTL, in milliseconds. Default one hour. */
  readonly defaultTtlMs?: number;
  /**
   * Monotonic clock in milliseconds, for tests that move time by hand: a positive number that
   * never decreases (lru-cache reads a start time of 0 as "no TTL"). Default `performance.now`.
   */
  readonly clock?: () => number;
}

/** A process-local `CacheStrategy` with byte accounting, read and written synchronously by the cache. */
export interface MemoryCache extends InProcessCacheStore {
  readonly name: 'memory';
  /** Counters since creation or the last `clear`; `bytes` is what the entries take now. */
  stats(): Required<CacheStats>;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_TTL_MS = 60 * 60 * 1000;
const READING = Object.freeze({ during: 'reading the memory cache' });
const WRITING = Object.freeze({ during: 'writing the memory cache' });

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Creates an in-memory LRU store (on `lru-cache`) bounded by bytes. Completions are kept as
 * compact JSON (without `raw`); embeddings as a small JSON header plus one buffer of float32
 * values. So every hit returns a fresh copy that callers may not corrupt (for an embedding, one
 * copy of that buffer, which the returned vectors share), and the size bound counts real bytes.
 * Expired entries are dropped when read, and evicted like any other entry when space is needed;
 * no timer runs in the background.
 *
 * An `InProcessCacheStore`: the cache middleware uses `getSync` and `setSync`, with no time
 * budget. The promise methods reject with `cancelled` when `options.signal` already aborted.
 *
 * @throws ConfigError naming the option when an option is invalid.
 */
export function memoryCache(options: MemoryCacheOptions = {}): MemoryCache {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!isPositiveInteger(maxBytes))
    throw new ConfigError('maxBytes must be a positive integer.', { path: 'maxBytes' });
  if (options.maxEntries !== undefined && !isPositiveInteger(options.maxEntries))
    throw new ConfigError('maxEntries must be a positive integer.', { path: 'maxEntries' });
  const defaultTtlMs = options.defaultTtlMs ?? DEFAULT_TTL_MS;
  if (!isPositiveInteger(defaultTtlMs))
    throw new ConfigError('defaultTtlMs must be a positive integer of milliseconds.', {
      path: 'defaultTtlMs',
    });
  if (options.clock !== undefined && typeof options.clock !== 'function')
    throw new ConfigError('clock must be a function returning milliseconds.', { path: 'clock' });

  let hits = 0;
  let misses = 0;
  let evictions = 0;
  // bounded by maxBytes (and maxEntries when set), least recently used evicted first
  const entries = new LRUCache<string, string | EmbeddingEntry>({
    maxSize: maxBytes,
    ...(options.maxEntries !== undefined && { max: options.maxEntries }),
    sizeCalculation: (value, key) =>
      Buffer.byteLength(key) +
      (typeof value === 'string'
        ? Buffer.byteLength(value)
        : Buffer.byteLength(value.header) + value.bytes.byteLength),
    ttl: defaultTtlMs,
    // expired entries are found on read or pushed out by the size bound; no purge timer needed
    ttlAutopurge: false,
    updateAgeOnGet: false,
    allowStale: false,
    dispose: (_value, _key, reason) => {
      if (reason === 'evict') evictions++;
    },
    ...(options.clock !== undefined && {
      perf: { now: options.clock },
      // lru-cache otherwise memoizes "now" for 1 ms of real time, hiding a hand-moved clock
      ttlResolution: 0,
    }),
  });

  const getSync = (key: string): CachedResponse | undefined => {
    const stored = entries.get(key);
    const value =
      stored === undefined
        ? undefined
        : typeof stored === 'string'
          ? // our own JSON.stringify output: it parses, and the middleware checks what it reads
            (JSON.parse(stored) as CachedResponse)
          : decodeEmbeddingEntry(stored.header, stored.bytes.slice());
    if (value === undefined) {
      // an unreadable entry is worth nothing: free its space at once
      if (stored !== undefined) entries.delete(key);
      misses++;
      return undefined;
    }
    hits++;
    return value;
  };

  const setSync = (key: string, value: CachedResponse, ttlMs: number): void => {
    const stored = 'embeddings' in value ? encodeEmbeddingEntry(value) : encodeCompletion(value);
    entries.set(key, stored, { ttl: isPositiveInteger(ttlMs) ? ttlMs : defaultTtlMs });
  };

  return {
    name: 'memory',
    inProcess: true,
    getSync,
    setSync,
    async get(key: string, callOptions?: CallOptions) {
      throwIfAborted(callOptions?.signal, READING);
      return getSync(key);
    },
    async set(key, value, ttlMs, callOptions) {
      throwIfAborted(callOptions?.signal, WRITING);
      setSync(key, value, ttlMs);
    },
    async invalidate(key, callOptions) {
      throwIfAborted(callOptions?.signal, WRITING);
      return entries.delete(key);
    },
    async clear(callOptions) {
      throwIfAborted(callOptions?.signal, WRITING);
      entries.clear();
      hits = 0;
      misses = 0;
      evictions = 0;
    },
    stats() {
      return { hits, misses, evictions, size: entries.size, bytes: entries.calculatedSize, errors: 0 };
    },
  };
}
