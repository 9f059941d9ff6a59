import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { type LoggingOptions, logging } from './logging.js';
import { PACKAGE_VERSION } from './package-version.js';

/**
 * A plugin that registers the `logging` middleware. Register it first so its middleware is the
 * outermost one. Options are validated here, before any I/O.
 *
 * @throws ConfigError naming the field, as `logging` does.
 */
export function loggingPlugin(options: LoggingOptions = {}): ConnectorPlugin {
  const middleware = logging(options);
  return definePlugin({
    name: '@hub/middleware-logging',
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addMiddleware(middleware);
    },
  });
}
