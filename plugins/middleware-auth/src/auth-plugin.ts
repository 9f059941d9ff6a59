import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { type AuthOptions, auth } from './auth.js';
import { PACKAGE_VERSION } from './package-version.js';

/**
 * A plugin that registers the `auth` middleware. Options are validated here, before any I/O.
 *
 * @throws ConfigError naming the field, as `auth` does.
 */
export function authPlugin(options: AuthOptions): ConnectorPlugin {
  const middleware = auth(options);
  return definePlugin({
    name: '@hub/middleware-auth',
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addMiddleware(middleware);
    },
  });
}
