import {
  ALL_OPERATIONS,
  DEFAULT_MIDDLEWARE_OPERATIONS,
  type HubOperation,
} from '../contracts/hub-operation.js';
import type { AnyMiddleware } from '../contracts/middleware.js';
import type { ProviderMetadata } from '../contracts/provider-metadata.js';
import { ConfigError } from '../errors/config-error.js';
import { ConnectorError } from '../errors/connector-error.js';
import { fanOutMetrics } from '../internal/fan-out-metrics.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../model/request-limits.js';
import { HubStream } from '../pipeline/hub-stream.js';
import { KnownModels } from '../pipeline/known-models.js';
import type { OperationMiddleware, PipelineDeps } from '../pipeline/pipeline-deps.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { registerPlugins } from '../registry/plugin-registry.js';
import { createCallPlanner } from './call-planner.js';
import { createCatalogLookup } from './catalog-lookup.js';
import { checkHealth } from './check-health.js';
import { createTargetStatsStore } from './create-target-stats-store.js';
import type { Hub, HubOptions } from './hub.js';
import { resolveSelector } from './resolve-selector.js';
import { RouteTable } from './route-table.js';

const DEFAULT_MAX_ATTEMPTS = 5;
// distinct provider/model ids that may become metric labels; more are labelled `other`
const LABELLED_MODELS = 2_048;

const defaultFallbackWhen = (error: ConnectorError): boolean =>
  error.retryable || error.code === 'circuit_open';

/**
 * Composes a hub: registers plugins (failing loudly on conflicts), orders middleware, resolves
 * routes and the selector. Synchronous and free of I/O; provider metadata loads on first need.
 *
 * @throws ConfigError naming the plugin or option at fault.
 */
export function createHub(options: HubOptions = {}): Hub {
  const parts = registerPlugins(options.plugins ?? [], {
    ...(options.providers !== undefined && { providers: options.providers }),
    ...(options.middleware !== undefined && { middleware: options.middleware }),
    ...(options.metrics !== undefined && { metrics: options.metrics }),
  });
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1)) {
    throw new ConfigError('maxAttempts must be a positive integer.', { path: 'maxAttempts' });
  }
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new ConfigError('timeoutMs must be a positive number of milliseconds.', { path: 'timeoutMs' });
  }
  const requestLimits = resolveRequestLimits(options.requestLimits);
  const routeTable = new RouteTable(parts.providers.keys(), options.routes);
  const knownModels = new KnownModels(LABELLED_MODELS);
  for (const target of routeTable.targets()) knownModels.learn(target);
  const stats = createTargetStatsStore();
  const catalog = createCatalogLookup(parts.providers, knownModels);
  const plan = createCallPlanner({
    routeTable,
    providers: parts.providers,
    selector: resolveSelector(options.selector, parts.selectors),
    stats,
    catalog,
  });

  const deps: PipelineDeps = {
    middleware: middlewareByOperation(parts.middleware),
    providers: parts.providers,
    stats,
    metrics: fanOutMetrics(parts.collectors),
    measuring: parts.collectors.length > 0,
    rules: {
      maxAttempts,
      fallbackWhen: options.fallbackWhen ?? defaultFallbackWhen,
      parseTarget(address, current) {
        if (parts.providers.has(address)) return { providerId: address, model: current.model };
        try {
          return routeTable.parseTarget(address);
        } catch {
          return undefined;
        }
      },
    },
    timeoutMs: options.timeoutMs,
    requestLimits,
    knownModels,
    plan,
    // memoized per target for as long as the provider's metadata is: this runs on every call of
    // cost-aware middleware
    modelInfo: catalog.modelInfo,
  };

  let closed = false;
  const whenOpen = <T>(run: () => Promise<T>): Promise<T> =>
    closed ? Promise.reject(new ConnectorError('config', 'This hub is closed; create a new one.')) : run();

  return {
    complete: (request, callOptions = {}) =>
      whenOpen(() => runPipeline(deps, request, callOptions, 'complete')),
    embed: (request, callOptions = {}) => whenOpen(() => runPipeline(deps, request, callOptions, 'embed')),
    countTokens: (request, callOptions = {}) =>
      whenOpen(() => runPipeline(deps, request, callOptions, 'count-tokens')),
    stream(request, callOptions = {}) {
      return {
        [Symbol.asyncIterator]: () => {
          if (closed) throw new ConnectorError('config', 'This hub is closed; create a new one.');
          return new HubStream(deps, request, callOptions);
        },
      };
    },
    health: (callOptions) =>
      Promise.all([...parts.providers.values()].map((provider) => checkHealth(provider, callOptions))),
    providers: () => [...parts.providers.values()],
    routes: () => routeTable.routes(),
    async metadata() {
      const all = await Promise.all([...parts.providers.values()].map(catalog.metadataOf));
      return all.filter((item): item is ProviderMetadata => item !== undefined);
    },
    stats(address) {
      return stats.get(routeTable.parseTarget(address));
    },
    statsStore: stats,
    async close() {
      if (closed) return;
      closed = true;
      const failures: unknown[] = [];
      for (const plugin of [...parts.plugins].reverse()) {
        try {
          await plugin.dispose?.();
        } catch (error) {
          failures.push(error);
        }
      }
      for (const provider of parts.providers.values()) {
        try {
          await provider.close?.();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, 'Some plugins failed to close.');
    },
  };
}

/**
 * The middleware of each operation, filtered once by each middleware's `operations` (default
 * `complete` and `stream`), so the per-call path never checks membership.
 */
function middlewareByOperation(
  middleware: readonly AnyMiddleware[],
): Readonly<Record<HubOperation, OperationMiddleware>> {
  const byOperation = {} as Record<HubOperation, OperationMiddleware>;
  for (const operation of ALL_OPERATIONS) {
    const all = middleware.filter((item) =>
      (item.operations ?? DEFAULT_MIDDLEWARE_OPERATIONS).includes(operation),
    );
    byOperation[operation] = { all, settleHooks: all.filter((item) => item.onSettled !== undefined) };
  }
  return byOperation;
}

function resolveRequestLimits(overrides: Partial<RequestLimits> | undefined): RequestLimits {
  const limits = { ...DEFAULT_REQUEST_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!(Number.isInteger(value) && value >= 1))
      throw new ConfigError(`requestLimits.${name} must be a positive integer.`, {
        path: `requestLimits.${name}`,
      });
  }
  return limits;
}
