import type { GatewayContext } from '../server/gateway-context.js';
import type { HealthCache } from './health-cache.js';
import type { CircuitFigures, LiveStats, TargetFigures } from './live-stats.js';

/** A target's figures with its circuit and health, as `GET /ui/api/providers` lists it. */
export interface TargetRow extends TargetFigures {
  /** The breaker's state for this target (or its provider), `closed` when it never reported one. */
  readonly circuit: CircuitFigures['state'];
  /** False while a breaker marks the target unhealthy in the hub's stats (selectors skip it). */
  readonly healthy: boolean;
}

/** What `GET /ui/api/providers` answers. */
export interface ProvidersSnapshot {
  readonly targets: TargetRow[];
  readonly circuits: CircuitFigures[];
  readonly health: {
    readonly checkedAt: number | null;
    readonly providers: {
      readonly id: string;
      readonly status: string;
      readonly latencyMs: number | null;
      readonly message: string | null;
    }[];
    /** Why health could not be checked, when it could not. */
    readonly error: string | null;
  };
  /** The gateway's own configured rate limits (`rateLimit.limits`), empty when off. */
  readonly limits: readonly {
    readonly scope: string;
    readonly provider: string | null;
    readonly requestsPerWindow: number | null;
    readonly tokensPerWindow: number | null;
    readonly windowMs: number | null;
  }[];
  /** Route alias → targets. */
  readonly routes: Record<string, string[]>;
}

/** Everything the Providers page shows: per target traffic, latency, errors, circuit, health, headroom. */
export async function providersSnapshot(
  context: GatewayContext,
  live: LiveStats,
  health: HealthCache,
): Promise<ProvidersSnapshot> {
  const hub = context.gateway.hub;
  const routes = hub.routes();
  const configured = [...new Set(Object.values(routes).flat())];
  const circuits = live.circuits();
  const circuitState = new Map(circuits.map((circuit) => [circuit.target, circuit.state]));
  const targets = live.targets(configured).map((figures) => ({
    ...figures,
    circuit:
      circuitState.get(`${figures.provider}/${figures.model}`) ??
      circuitState.get(figures.provider) ??
      'closed',
    healthy: hub.statsStore.get({ providerId: figures.provider, model: figures.model }).healthy,
  }));
  let checked: Awaited<ReturnType<HealthCache['get']>> | undefined;
  let error: string | null = null;
  try {
    checked = await health.get();
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  const rateLimit = context.config.rateLimit;
  return {
    targets,
    circuits,
    health: {
      checkedAt: checked?.checkedAt ?? null,
      providers: (checked?.providers ?? []).map((provider) => ({
        id: provider.providerId,
        status: provider.status,
        latencyMs: provider.latencyMs ?? null,
        message: provider.message ?? null,
      })),
      error,
    },
    limits:
      rateLimit === false
        ? []
        : rateLimit.limits.map((limit) => ({
            scope: limit.scope,
            provider: limit.provider ?? null,
            requestsPerWindow: limit.requestsPerWindow ?? null,
            tokensPerWindow: limit.tokensPerWindow ?? null,
            windowMs: limit.windowMs ?? null,
          })),
    routes,
  };
}
