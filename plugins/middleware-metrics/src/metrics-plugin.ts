import { ConfigError, type ConnectorPlugin, definePlugin, type MetricsCollector } from '@hub/core';
import { type CostTrackingMiddleware, type CostTrackingOptions, costTracking } from './cost-tracking.js';
import { PACKAGE_VERSION } from './package-version.js';

/** Options of `metricsPlugin`. */
export interface MetricsPluginOptions {
  /** Collectors to register on the hub (`prometheusCollector()`, `openTelemetryCollector()`, …). */
  readonly collectors?: readonly MetricsCollector[];
  /**
   * Cost tracking: options for `costTracking`, a ready `costTracking(...)` middleware, or `false`
   * to leave it out. Default: enabled with default options (catalog prices, no caller key).
   */
  readonly cost?: CostTrackingOptions | CostTrackingMiddleware | false;
}

/** The metrics plugin, with the cost-tracking middleware it registers (for its tracker). */
export interface MetricsPlugin extends ConnectorPlugin {
  /** The registered cost middleware; undefined when `cost: false`. */
  readonly costTracking: CostTrackingMiddleware | undefined;
}

/**
 * Registers metrics collectors and the cost-tracking middleware on a hub. Register it after a
 * response-cache plugin, so the cost middleware runs inside the cache and cache hits are not
 * billed again.
 *
 * @throws ConfigError naming the option at fault.
 */
export function metricsPlugin(options: MetricsPluginOptions = {}): MetricsPlugin {
  const collectors = options.collectors ?? [];
  if (!Array.isArray(collectors)) {
    throw new ConfigError('metricsPlugin: collectors must be an array of metrics collectors.', {
      path: 'collectors',
    });
  }
  collectors.forEach((collector: MetricsCollector | undefined, index) => {
    if (
      typeof collector !== 'object' ||
      collector === null ||
      typeof collector.name !== 'string' ||
      typeof collector.recordRequest !== 'function'
    ) {
      throw new ConfigError(
        `metricsPlugin: collectors[${index}] is not a metrics collector (it needs a name and recordRequest).`,
        { path: `collectors[${index}]` },
      );
    }
  });
  const cost = options.cost ?? {};
  const middleware =
    cost === false ? undefined : isMiddleware(cost) ? cost : costTracking(cost as CostTrackingOptions);

  return {
    ...definePlugin({
      name: '@hub/middleware-metrics',
      version: PACKAGE_VERSION,
      apiVersion: 2,
      register(registry) {
        for (const collector of collectors) registry.addMetricsCollector(collector);
        if (middleware !== undefined) registry.addMiddleware(middleware);
      },
    }),
    costTracking: middleware,
  };
}

function isMiddleware(value: CostTrackingOptions | CostTrackingMiddleware): value is CostTrackingMiddleware {
  return typeof (value as Partial<CostTrackingMiddleware>).onResponse === 'function';
}
