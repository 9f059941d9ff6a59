import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { type LoggingOptions, logging } from './logging.js';

/** The package's version, reported as the plugin version. */
const VERSION = '0.1.0';

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
    version: VERSION,
    register(registry) {
      registry.addMiddleware(middleware);
    },
  });
}
