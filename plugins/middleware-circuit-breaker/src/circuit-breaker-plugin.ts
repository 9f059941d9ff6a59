import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { type CircuitBreaker, circuitBreaker } from './circuit-breaker.js';
import type { CircuitBreakerOptions } from './circuit-breaker-options.js';
import { PACKAGE_VERSION } from './package-version.js';

/** The circuit breaker plugin; `breaker` answers state queries. */
export interface CircuitBreakerPlugin extends ConnectorPlugin {
  readonly breaker: CircuitBreaker;
}

/**
 * A plugin that registers `circuitBreaker(options)`. Plugins' middleware runs in registration
 * order: register this one after `retryPlugin` and `fallbackPlugin`, so it is the innermost and
 * sees every failed attempt.
 *
 * @throws ConfigError for invalid options, when called.
 */
export function circuitBreakerPlugin(options: CircuitBreakerOptions = {}): CircuitBreakerPlugin {
  const breaker = circuitBreaker(options);
  return {
    ...definePlugin({
      name: '@hub/middleware-circuit-breaker',
      version: PACKAGE_VERSION,
      apiVersion: 2,
      register(registry) {
        registry.addMiddleware(breaker);
      },
    }),
    breaker,
  };
}
