/**
 * The operations the cache takes part in. Not `count-tokens`: a count is cheap (often free, or a
 * local estimate with no provider call), is asked right before the call it sizes, and caching it
 * would only add a store round trip to each.
 */
export type CachedOperation = 'complete' | 'stream' | 'embed';

/** `CachedOperation` as the middleware's `operations`. */
export const CACHED_OPERATIONS: readonly CachedOperation[] = Object.freeze(['complete', 'stream', 'embed']);
