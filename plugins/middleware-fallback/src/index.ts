/**
 * @packageDocumentation
 * @module @hub/middleware-fallback
 * @document ../README.md
 */

// The public API of @hub/middleware-fallback, listed explicitly.

export { type FallbackStopReason, fallback } from './fallback.js';
export {
  FALLBACK_DEFAULTS,
  type FallbackOptions,
  type FallbackRule,
} from './fallback-options.js';
export { fallbackPlugin } from './fallback-plugin.js';
