import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { PACKAGE_VERSION } from './package-version.js';
import { type RateLimitMiddleware, rateLimit } from './rate-limit.js';
import type { RateLimitOptions } from './rate-limit-options.js';

/** The rate-limit plugin, with access to its middleware (and through it, the store). */
export interface RateLimitPlugin extends ConnectorPlugin {
  readonly middleware: RateLimitMiddleware;
}

/**
 * A plugin registering `rateLimit(options)`. Disposing it (on `hub.close()`) closes the store
 * when the middleware created it.
 *
 * @throws ConfigError when an option is invalid (before any I/O).
 */
export function rateLimitPlugin(options: RateLimitOptions): RateLimitPlugin {
  const middleware = rateLimit(options);
  return {
    ...definePlugin({
      name: '@hub/middleware-rate-limit',
      version: PACKAGE_VERSION,
      apiVersion: 2,
      register(registry) {
        registry.addMiddleware(middleware);
      },
      dispose: () => middleware.close(),
    }),
    middleware,
  };
}
