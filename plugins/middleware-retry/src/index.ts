/**
 * @packageDocumentation
 * @module @hub/middleware-retry
 * @document ../README.md
 */

// The public API of @hub/middleware-retry, listed explicitly.

export { backoffCap, fullJitterDelay } from './full-jitter-delay.js';
export { type RetryMiddleware, type RetryStopReason, retry } from './retry.js';
export { RETRY_BUDGET_MAX_KEYS, RetryBudget, type RetryBudgetOptions } from './retry-budget.js';
export { RETRY_DEFAULTS, type RetryOptions } from './retry-options.js';
export { type RetryPlugin, retryPlugin } from './retry-plugin.js';
