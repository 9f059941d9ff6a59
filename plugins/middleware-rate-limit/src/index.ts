/**
 * @packageDocumentation
 * @module @hub/middleware-rate-limit
 * @document ../README.md
 */

// The public API of @hub/middleware-rate-limit, listed explicitly.

/**
 * Kept for code written against 0.1: `cancelledError` and `throwIfAborted` are `@hub/core`'s
 * `abortError` and `throwIfAborted` (import them from there).
 */
export {
  /** @deprecated Use `abortError` from `@hub/core`. */
  abortError as cancelledError,
  /** @deprecated Use `throwIfAborted` from `@hub/core`. */
  throwIfAborted,
} from '@hub/core';
export { estimateEmbeddingTokens } from './estimate-embedding-tokens.js';
export { isMultiLimitRateLimiter } from './is-multi-limit-rate-limiter.js';
export {
  type MemoryRateLimiter,
  type MemoryRateLimiterOptions,
  memoryRateLimiter,
} from './memory-rate-limiter.js';
export type {
  LimitCheck,
  MultiLimitDecision,
  MultiLimitRateLimiter,
  RateLimitRule,
  TokenAdjustment,
} from './multi-limit-rate-limiter.js';
export { type RateLimitMiddleware, rateLimit } from './rate-limit.js';
export { LOCAL_RATE_LIMIT_CODE, RATE_LIMITER_UNAVAILABLE_CODE } from './rate-limit-error-codes.js';
export type {
  AdaptiveRateLimitOptions,
  RateLimitDefinition,
  RateLimitedOperation,
  RateLimitOptions,
  RateLimitScope,
} from './rate-limit-options.js';
export { type RateLimitPlugin, rateLimitPlugin } from './rate-limit-plugin.js';
export { singleKeyMethods } from './single-key-methods.js';
