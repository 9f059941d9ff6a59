import type { GovernanceStore, GovernanceStoreOptions } from '@hub/store-postgres';
import pino, { type Logger } from 'pino';
import { anthropicMessagesFormat } from './anthropic-wire/anthropic-messages-format.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { createDashboard } from './dashboard/create-dashboard.js';
import { dashboardAdminKeyEnv } from './dashboard/dashboard-admin-key.js';
import { openGovernance } from './governance/open-governance.js';
import { registerGovernanceMetrics } from './governance/register-governance-metrics.js';
import { buildGatewayHub } from './hub/build-gateway-hub.js';
import { openAIChatFormat } from './openai-wire/openai-chat-format.js';
import { createResponseStore } from './responses-store/create-response-store.js';
import type { ResponseStore } from './responses-store/response-store.js';
import { createResponsesFormat } from './responses-wire/responses-format.js';
import { loadVirtualKeys } from './security/virtual-keys.js';
import { createGatewayServer } from './server/create-gateway-server.js';
import type { GatewayContext } from './server/gateway-context.js';
import { type GatewayTimers, SYSTEM_TIMERS } from './server/gateway-timers.js';
import { trackConnections } from './server/track-connections.js';
import type { WireFormat } from './wire/wire-format.js';

/**
 * The stateless wire formats the gateway serves, each at its own path. OpenAI's comes first: its
 * error shape answers paths no format owns. The Responses API (`/v1/responses`) is added by
 * `startGateway`, built on the configured response store.
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
   * period, then closes what is left), closes the hub, then the governance store (which writes
   * its buffered ledger rows).
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
  /** Wire formats to serve; default `WIRE_FORMATS` and the Responses API. */
  readonly formats?: readonly WireFormat[];
  /** The Responses API's store; default the one `config.responses` and Redis describe. */
  readonly responseStore?: ResponseStore;
  /** Governance store options over those of the `database` section (tests: a clock, intervals). */
  readonly storeOptions?: Partial<GovernanceStoreOptions>;
}

/** Starts the gateway on `config` (port 0 picks a free port). */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const logger = options.logger ?? pino({ level: options.config.logging.level });
  const clock = options.now === undefined ? {} : { now: options.now };
  const dashboardConfig = options.config.dashboard;
  const dashboard =
    dashboardConfig === false
      ? undefined
      : {
          state: createDashboard(clock),
          adminKey: options.env[dashboardAdminKeyEnv(options.config)],
        };
  const gateway = await buildGatewayHub(options.config, options.env, logger, {
    ...(options.now !== undefined && { now: options.now }),
    ...(dashboard !== undefined && {
      observers: { middleware: [dashboard.state.observer], collectors: [dashboard.state.live.collector] },
    }),
  });
  const keys = loadVirtualKeys(options.config, options.env);
  let governance: Awaited<ReturnType<typeof openGovernance>>;
  try {
    governance = await openGovernance(options.config, options.env, {
      hub: gateway.hub,
      logger,
      keys,
      ...(options.storeOptions !== undefined && { storeOptions: options.storeOptions }),
    });
  } catch (error) {
    await gateway.hub.close();
    await gateway.keyLimiter.close?.();
    throw error;
  }
  if (governance !== undefined && gateway.prometheus !== undefined)
    registerGovernanceMetrics(gateway.prometheus.registry, governance);
  const responseStore = options.responseStore ?? createResponseStore(options.config, gateway.redis, clock);
  const context: GatewayContext = {
    config: options.config,
    gateway,
    keys,
    governance,
    ...(dashboard !== undefined && { dashboard }),
    logger,
    formats: options.formats ?? [
      ...WIRE_FORMATS,
      createResponsesFormat({ store: responseStore }) as unknown as WireFormat,
    ],
    timers: options.timers ?? SYSTEM_TIMERS,
    lifecycle: { closing: false },
  };
  const app = createGatewayServer(context);
  const connections = trackConnections(app.server);
  const server = options.config.server;
  try {
    await app.listen({ port: server.port, host: server.host });
  } catch (error) {
    // the store holds database connections that would keep the process alive
    await gateway.hub.close();
    if (governance !== undefined) await closeStore(governance.store, logger);
    await gateway.keyLimiter.close?.();
    throw error;
  }
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
          // after every call settled: writes the ledger buffer (retrying up to closeTimeoutMs)
          if (context.governance !== undefined) await closeStore(context.governance.store, logger);
          await context.gateway.keyLimiter.close?.();
          await context.gateway.redis?.close();
          await responseStore.close();
        }
      })();
      return closing;
    },
  };
}

// the store's own close writes the ledger within its closeTimeoutMs (10 s by default); this bound
// only covers its connection pool, which can wait forever for a connection attempt cut mid-way
const STORE_CLOSE_TIMEOUT_MS = 15_000;

/** Closes the governance store, waiting at most `STORE_CLOSE_TIMEOUT_MS`, so shutdown always ends. */
async function closeStore(store: GovernanceStore, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), STORE_CLOSE_TIMEOUT_MS);
    timer.unref();
  });
  const outcome = await Promise.race([
    store.close().then(
      () => 'closed' as const,
      (error: unknown) => {
        logger.error({ error: (error as Error).message }, 'governance store: close failed');
        return 'closed' as const;
      },
    ),
    late,
  ]);
  clearTimeout(timer);
  if (outcome === 'late') {
    logger.error(
      { timeoutMs: STORE_CLOSE_TIMEOUT_MS },
      'governance store: its connections did not close in time and are abandoned',
    );
  }
}
