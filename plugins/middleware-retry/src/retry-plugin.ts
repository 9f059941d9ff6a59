import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { PACKAGE_VERSION } from './package-version.js';
import { type RetryMiddleware, retry } from './retry.js';
import type { RetryOptions } from './retry-options.js';

/** The retry plugin; `middleware` gives access to the budget read-out. */
export interface RetryPlugin extends ConnectorPlugin {
  readonly middleware: RetryMiddleware;
}

/**
 * A plugin that registers `retry(options)`. Plugins' middleware runs in registration order, so
 * register `fallbackPlugin` before and `circuitBreakerPlugin` after this one.
 *
 * @throws ConfigError for invalid options, when called.
 */
export function retryPlugin(options: RetryOptions = {}): RetryPlugin {
  const middleware = retry(options);
  return {
    ...definePlugin({
      name: '@hub/middleware-retry',
      version: PACKAGE_VERSION,
      apiVersion: 2,
      register(registry) {
        registry.addMiddleware(middleware);
      },
    }),
    middleware,
  };
}
