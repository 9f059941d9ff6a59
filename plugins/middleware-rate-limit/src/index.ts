// The public API of @hub/middleware-rate-limit, listed explicitly.

export { cancelledError, throwIfAborted } from './cancelled-error.js';
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
  RateLimitOptions,
  RateLimitScope,
} from './rate-limit-options.js';
export { type RateLimitPlugin, rateLimitPlugin } from './rate-limit-plugin.js';
export { singleKeyMethods } from './single-key-methods.js';
