import type { CompletionResponse } from '../model/completion-response.js';
import type { EmbeddingResponse } from '../model/embedding-response.js';
import type { CallOptions } from './call-options.js';

/** Counters of a cache since it was created (or cleared). */
export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  /** Entries removed to respect the size bound (not expiries). */
  readonly evictions: number;
  /** Entries currently held (best effort for shared stores). */
  readonly size: number;
  /** Approximate bytes held, when the store tracks it. */
  readonly bytes?: number;
  /** Store operations that failed or timed out and were treated as misses. */
  readonly errors?: number;
}

/**
 * A key/value store for finished responses. Keys are opaque strings built by the cache
 * middleware; values are completions and embeddings. Implementations count hits and misses in
 * `get`.
 */
export interface CacheStrategy<TValue = CompletionResponse | EmbeddingResponse> {
  /** Unique store name for logs (`memory`, `redis`). */
  readonly name: string;
  /**
   * Set by stores whose operations finish in this process without I/O (an in-memory LRU), which
   * then also implement `getSync` and `setSync`: callers may read and write them synchronously,
   * with no time budget, timer or abort listener per call. A store that may block (a socket, a
   * file) must not claim it.
   */
  readonly inProcess?: true;
  /** `get` without a promise (in-process stores only); counts hits and misses like `get`. */
  getSync?(key: string): TValue | undefined;
  /** `set` without a promise (in-process stores only); stores a copy of `value`. */
  setSync?(key: string, value: TValue, ttlMs: number): void;
  /** The value under `key`, or `undefined` on a miss or expiry. */
  get(key: string, options?: CallOptions): Promise<TValue | undefined>;
  /** Stores `value` for `ttlMs` milliseconds (a positive integer). */
  set(key: string, value: TValue, ttlMs: number, options?: CallOptions): Promise<void>;
  /** Removes `key`; resolves true when it existed. */
  invalidate(key: string, options?: CallOptions): Promise<boolean>;
  /** Removes every entry of this store (its namespace only, for shared stores). */
  clear(options?: CallOptions): Promise<void>;
  stats(): CacheStats;
  /** Releases connections. */
  close?(): Promise<void>;
}
