import pino, { type Logger } from 'pino';
import { anthropicMessagesFormat } from './anthropic-wire/anthropic-messages-format.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { createDashboard } from './dashboard/create-dashboard.js';
import { dashboardAdminKeyEnv } from './dashboard/dashboard-admin-key.js';
import { buildGatewayHub } from './hub/build-gateway-hub.js';
import { openAIChatFormat } from './openai-wire/openai-chat-format.js';
import { loadVirtualKeys } from './security/virtual-keys.js';
import { createGatewayServer } from './server/create-gateway-server.js';
import type { GatewayContext } from './server/gateway-context.js';
import { type GatewayTimers, SYSTEM_TIMERS } from './server/gateway-timers.js';
import { trackConnections } from './server/track-connections.js';
import type { WireFormat } from './wire/wire-format.js';

/**
 * The wire formats the gateway serves, each at its own path. OpenAI's comes first: its error
 * shape answers paths no format owns.
 */
export const WIRE_FORMATS: readonly WireFormat[] = [
  openAIChatFormat as unknown as WireFormat,
  anthropicMessagesFormat,
];

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

/** Options of `startGateway`. */
export interface StartGatewayOptions {
  readonly config: GatewayConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  /** Timers of the gateway's own deadlines; default the process's. Tests pass a manual clock. */
  readonly timers?: GatewayTimers;
  /** Clock of the in-memory virtual-key limits, in epoch ms; default `Date.now`. */
  readonly now?: () => number;
  /** Wire formats to serve; default `WIRE_FORMATS`. */
  readonly formats?: readonly WireFormat[];
}

/** Starts the gateway on `config` (port 0 picks a free port). */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const logger = options.logger ?? pino({ level: options.config.logging.level });
  const dashboardConfig = options.config.dashboard;
  const dashboard =
    dashboardConfig === false
      ? undefined
      : {
          state: createDashboard(options.now === undefined ? {} : { now: options.now }),
          adminKey: options.env[dashboardAdminKeyEnv(options.config)],
        };
  const context: GatewayContext = {
    config: options.config,
    gateway: buildGatewayHub(options.config, options.env, logger, {
      ...(options.now !== undefined && { now: options.now }),
      ...(dashboard !== undefined && {
        observers: { middleware: [dashboard.state.observer], collectors: [dashboard.state.live.collector] },
      }),
    }),
    ...(dashboard !== undefined && { dashboard }),
    keys: loadVirtualKeys(options.config, options.env),
    logger,
    formats: options.formats ?? WIRE_FORMATS,
    timers: options.timers ?? SYSTEM_TIMERS,
    lifecycle: { closing: false },
  };
  const app = createGatewayServer(context);
  const connections = trackConnections(app.server);
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
        context.lifecycle.closing = true;
        connections.releaseAll();
        const grace = setTimeout(() => app.server.closeAllConnections(), server.shutdownGraceMs);
        grace.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(grace);
          await context.gateway.hub.close();
          await context.gateway.keyLimiter.close?.();
          await context.gateway.redis?.close();
        }
      })();
      return closing;
    },
  };
}
