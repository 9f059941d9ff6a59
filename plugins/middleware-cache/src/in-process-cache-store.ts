import type { CacheStrategy } from '@hub/core';
import type { CachedResponse } from './cached-response.js';

/**
 * A store that declares `CacheStrategy.inProcess` and implements the synchronous methods: the
 * cache middleware then reads and writes it without a time budget, timer or abort listener per
 * call and without an await between the lookup and joining an identical call in flight.
 * `memoryCache()` is one.
 */
export type InProcessCacheStore = CacheStrategy<CachedResponse> &
  Required<Pick<CacheStrategy<CachedResponse>, 'inProcess' | 'getSync' | 'setSync'>>;

/** Whether `store` declares itself an `InProcessCacheStore`. */
export function isInProcessCacheStore(store: CacheStrategy<CachedResponse>): store is InProcessCacheStore {
  const candidate = store as Partial<InProcessCacheStore>;
  return (
    candidate.inProcess === true &&
    typeof candidate.getSync === 'function' &&
    typeof candidate.setSync === 'function'
  );
}
