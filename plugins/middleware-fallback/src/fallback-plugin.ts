import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { fallback } from './fallback.js';
import type { FallbackOptions } from './fallback-options.js';
import { PACKAGE_VERSION } from './package-version.js';

/**
 * A plugin that registers `fallback(options)`. Plugins' middleware runs in registration order:
 * register this one before `retryPlugin` and `circuitBreakerPlugin`, so it is the outermost and
 * falls back only once retries gave up.
 *
 * @throws ConfigError for invalid options, when called.
 */
export function fallbackPlugin(options: FallbackOptions = {}): ConnectorPlugin {
  const middleware = fallback(options);
  return definePlugin({
    name: '@hub/middleware-fallback',
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addMiddleware(middleware);
    },
  });
}
