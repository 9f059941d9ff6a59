import { Buffer } from 'node:buffer';
import {
  type CacheStats,
  type CacheStrategy,
  type CallOptions,
  ConfigError,
  ConnectorError,
} from '@hub/core';
import { LRUCache } from 'lru-cache';
import { decodeCachedResponse } from './decode-cached-response.js';
import { encodeCachedResponse } from './encode-cached-response.js';

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

/** A process-local `CacheStrategy` with byte accounting. */
export interface MemoryCache extends CacheStrategy {
  readonly name: 'memory';
  /** Counters since creation or the last `clear`; `bytes` is what the entries take now. */
  stats(): Required<CacheStats>;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_TTL_MS = 60 * 60 * 1000;

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Creates an in-memory LRU store (on `lru-cache`) bounded by bytes: entries are kept as compact
 * JSON (without `raw`), so every hit returns a fresh copy that callers may not corrupt, and the
 * size bound counts real bytes. Expired entries are dropped when read, and evicted like any other
 * entry when space is needed; no timer runs in the background.
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
  const entries = new LRUCache<string, string>({
    maxSize: maxBytes,
    ...(options.maxEntries !== undefined && { max: options.maxEntries }),
    sizeCalculation: (value, key) => Buffer.byteLength(value) + Buffer.byteLength(key),
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

  return {
    name: 'memory',
    async get(key: string, callOptions?: CallOptions) {
      throwIfAborted(callOptions);
      const text = entries.get(key);
      const value = text === undefined ? undefined : decodeCachedResponse(text);
      if (value === undefined) {
        // an unreadable entry is worth nothing: free its space at once
        if (text !== undefined) entries.delete(key);
        misses++;
        return undefined;
      }
      hits++;
      return value;
    },
    async set(key, value, ttlMs, callOptions) {
      throwIfAborted(callOptions);
      entries.set(key, encodeCachedResponse(value), { ttl: isPositiveInteger(ttlMs) ? ttlMs : defaultTtlMs });
    },
    async invalidate(key, callOptions) {
      throwIfAborted(callOptions);
      return entries.delete(key);
    },
    async clear(callOptions) {
      throwIfAborted(callOptions);
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

function throwIfAborted(options: CallOptions | undefined): void {
  if (options?.signal?.aborted) throw new ConnectorError('cancelled', 'The cache operation was cancelled.');
}
