// The public API of @hub/middleware-cache, listed explicitly.

export { type CacheMiddleware, cache } from './cache.js';
export type { CacheErrorHandler, CacheErrorInfo } from './cache-error-info.js';
export { type CacheKeyScope, cacheKey } from './cache-key.js';
export type { CacheOptions } from './cache-options.js';
export { type CachePlugin, type CachePluginOptions, cachePlugin } from './cache-plugin.js';
export { decodeCachedResponse } from './decode-cached-response.js';
export { encodeCachedResponse } from './encode-cached-response.js';
export { isCompletionResponse } from './is-completion-response.js';
export { type MemoryCache, type MemoryCacheOptions, memoryCache } from './memory-cache.js';
export { withTimeBudget } from './with-time-budget.js';
