/**
 * @packageDocumentation
 * @module @hub/middleware-cache
 * @document ../README.md
 */

// The public API of @hub/middleware-cache, listed explicitly.

export { type CacheMiddleware, cache } from './cache.js';
export type { CacheErrorHandler, CacheErrorInfo } from './cache-error-info.js';
export { type CacheKeyScope, cacheKey } from './cache-key.js';
export type { CacheOptions } from './cache-options.js';
export { type CachePlugin, type CachePluginOptions, cachePlugin } from './cache-plugin.js';
export { CACHED_OPERATIONS, type CachedOperation } from './cached-operation.js';
export type { CachedResponse } from './cached-response.js';
export { decodeCachedResponse } from './decode-cached-response.js';
export { encodeCachedResponse } from './encode-cached-response.js';
export { type InProcessCacheStore, isInProcessCacheStore } from './in-process-cache-store.js';
export { isCompletionResponse } from './is-completion-response.js';
export { isEmbeddingResponseShape } from './is-embedding-response-shape.js';
export { type MemoryCache, type MemoryCacheOptions, memoryCache } from './memory-cache.js';
export { withTimeBudget } from './with-time-budget.js';
