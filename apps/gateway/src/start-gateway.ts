import pino, { type Logger } from 'pino';
import type { GatewayConfig } from './config/gateway-config.js';
import { buildGatewayHub } from './hub/build-gateway-hub.js';
import { loadVirtualKeys } from './security/virtual-keys.js';
import { createGatewayServer } from './server/create-gateway-server.js';
import type { GatewayContext } from './server/gateway-context.js';

/** A running gateway. */
export interface RunningGateway {
  /** `http://host:port` it listens on. */
  readonly url: string;
  readonly context: GatewayContext;
  /**
   * Stops accepting connections, lets in-flight requests and streams finish (up to the grace
   * period, then closes what is left), and closes the hub.
   */
  close(): Promise<void>;
}

/** Starts the gateway on `config` (port 0 picks a free port). */
export async function startGateway(options: {
  config: GatewayConfig;
  env: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
}): Promise<RunningGateway> {
  const logger = options.logger ?? pino({ level: options.config.logging.level });
  const context: GatewayContext = {
    config: options.config,
    gateway: buildGatewayHub(options.config, options.env, logger),
    keys: loadVirtualKeys(options.config, options.env),
    logger,
  };
  const app = createGatewayServer(context);
  const server = options.config.server;
  await app.listen({ port: server.port, host: server.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : server.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${server.host.includes(':') ? `[${server.host}]` : server.host}:${port}`,
    context,
    close() {
      closing ??= (async () => {
        const grace = setTimeout(() => app.server.closeAllConnections(), server.shutdownGraceMs);
        grace.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(grace);
          await context.gateway.hub.close();
          await context.gateway.keyLimiter.close?.();
        }
      })();
      return closing;
    },
  };
}
