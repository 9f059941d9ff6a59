/**
 * @packageDocumentation
 * @module @hub/middleware-circuit-breaker
 * @document ../README.md
 */

// The public API of @hub/middleware-circuit-breaker, listed explicitly.

export { type CircuitBreaker, circuitBreaker } from './circuit-breaker.js';
export {
  CIRCUIT_BREAKER_DEFAULTS,
  type CircuitBreakerOptions,
} from './circuit-breaker-options.js';
export { type CircuitBreakerPlugin, circuitBreakerPlugin } from './circuit-breaker-plugin.js';
export type { CircuitState, CircuitStateChange, CircuitTransitionReason } from './circuit-state-change.js';
