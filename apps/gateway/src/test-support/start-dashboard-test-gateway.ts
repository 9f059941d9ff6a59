import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import { createDashboard } from '../dashboard/create-dashboard.js';
import { buildGatewayHub } from '../hub/build-gateway-hub.js';
import { loadVirtualKeys } from '../security/virtual-keys.js';
import { createGatewayServer } from '../server/create-gateway-server.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { SYSTEM_TIMERS } from '../server/gateway-timers.js';
import { WIRE_FORMATS } from '../start-gateway.js';

/** A gateway built like `startGateway` builds it, with routes added before it listens. */
export interface DashboardTestGateway {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly context: GatewayContext;
  close(): Promise<void>;
}

/**
 * Starts a gateway as `startGateway` does (dashboard included), letting `extend` add routes first:
 * the dashboard tests add a fake governance admin API at `/admin/…` this way.
 */
export async function startDashboardTestGateway(options: {
  readonly config: GatewayConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly adminKey: string | undefined;
  readonly extend?: (app: FastifyInstance) => void;
}): Promise<DashboardTestGateway> {
  const logger = pino({ level: 'silent' });
  const state = createDashboard();
  const context: GatewayContext = {
    config: options.config,
    gateway: buildGatewayHub(options.config, options.env, logger, {
      observers: { middleware: [state.observer], collectors: [state.live.collector] },
    }),
    keys: loadVirtualKeys(options.config, options.env),
    logger,
    formats: WIRE_FORMATS,
    timers: SYSTEM_TIMERS,
    lifecycle: { closing: false },
    dashboard: { state, adminKey: options.adminKey },
  };
  const app = createGatewayServer(context);
  options.extend?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    context,
    async close() {
      await app.close();
      await context.gateway.hub.close();
      await context.gateway.keyLimiter.close?.();
    },
  };
}
