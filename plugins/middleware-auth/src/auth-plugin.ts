import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { type AuthOptions, auth } from './auth.js';

/** The package's version, reported as the plugin version. */
const VERSION = '0.1.0';

/**
 * A plugin that registers the `auth` middleware. Options are validated here, before any I/O.
 *
 * @throws ConfigError naming the field, as `auth` does.
 */
export function authPlugin(options: AuthOptions): ConnectorPlugin {
  const middleware = auth(options);
  return definePlugin({
    name: '@hub/middleware-auth',
    version: VERSION,
    register(registry) {
      registry.addMiddleware(middleware);
    },
  });
}
