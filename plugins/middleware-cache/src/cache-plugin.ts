import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { type CacheMiddleware, cache } from './cache.js';
import type { CacheOptions } from './cache-options.js';
import { PACKAGE_VERSION } from './package-version.js';

/** Options of `cachePlugin`: the middleware's, plus who closes the store. */
export interface CachePluginOptions extends CacheOptions {
  /**
   * Close `store` when the hub closes. Default false: a store passed in may be shared by several
   * hubs, so its owner closes it (the default memory store needs no closing).
   */
  readonly closeStore?: boolean;
}

/** The cache plugin; `middleware` gives access to the store and counters. */
export interface CachePlugin extends ConnectorPlugin {
  readonly middleware: CacheMiddleware;
}

/**
 * Registers the `cache` middleware on a hub. Register it before (outside) retry and fallback
 * middleware so a hit skips them, and after middleware that rewrites requests so the key covers
 * what is actually sent.
 *
 * @throws ConfigError naming the option when an option is invalid.
 */
export function cachePlugin(options: CachePluginOptions = {}): CachePlugin {
  const { closeStore = false, ...cacheOptions } = options;
  const middleware = cache(cacheOptions);
  return {
    ...definePlugin({
      name: '@hub/middleware-cache',
      version: PACKAGE_VERSION,
      apiVersion: 2,
      register(registry) {
        registry.addMiddleware(middleware);
      },
      async dispose() {
        if (closeStore) await middleware.store.close?.();
      },
    }),
    middleware,
  };
}
