import type { CacheStrategy } from '@hub/core';
import type { CachedResponse } from './cached-response.js';

/**
 * A store whose operations finish in this process without I/O (an in-memory LRU), and that says
 * so: the cache middleware then reads and writes it synchronously, with no time budget, timer or
 * abort listener per call and no await between the lookup and joining an identical call in
 * flight. `memoryCache()` is one. A store that may block (a socket, a file) must not claim it.
 *
 * (Part of this package rather than of `CacheStrategy` until core's contract grows an equivalent;
 * recognised by shape, so stores from another copy of this package qualify.)
 */
export interface InProcessCacheStore extends CacheStrategy<CachedResponse> {
  readonly inProcess: true;
  /** `get` without a promise: the value under `key`, or undefined on a miss or expiry. Counts hits and misses. */
  getSync(key: string): CachedResponse | undefined;
  /** `set` without a promise: stores a copy of `value` for `ttlMs` milliseconds. */
  setSync(key: string, value: CachedResponse, ttlMs: number): void;
}

/** Whether `store` declares itself an `InProcessCacheStore`. */
export function isInProcessCacheStore(store: CacheStrategy<CachedResponse>): store is InProcessCacheStore {
  const candidate = store as Partial<InProcessCacheStore>;
  return (
    candidate.inProcess === true &&
    typeof candidate.getSync === 'function' &&
    typeof candidate.setSync === 'function'
  );
}
