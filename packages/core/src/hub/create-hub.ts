import type { LLMProvider } from '../contracts/llm-provider.js';
import type { Target } from '../contracts/middleware-context.js';
import type { ModelInfo, ProviderMetadata } from '../contracts/provider-metadata.js';
import type { Candidate, ProviderSelector } from '../contracts/provider-selector.js';
import { ConfigError } from '../errors/config-error.js';
import { ConnectorError } from '../errors/connector-error.js';
import { fanOutMetrics } from '../internal/fan-out-metrics.js';
import type { CompletionRequest } from '../model/completion-request.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../model/request-limits.js';
import { HubStream } from '../pipeline/hub-stream.js';
import { KnownModels } from '../pipeline/known-models.js';
import type { PipelineDeps, PlannedCall } from '../pipeline/pipeline-deps.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { registerPlugins } from '../registry/plugin-registry.js';
import { lowestCostSelector } from '../selectors/lowest-cost-selector.js';
import { lowestLatencySelector } from '../selectors/lowest-latency-selector.js';
import { prioritySelector } from '../selectors/priority-selector.js';
import { roundRobinSelector } from '../selectors/round-robin-selector.js';
import { weightedSelector } from '../selectors/weighted-selector.js';
import { checkHealth } from './check-health.js';
import { createTargetStatsStore } from './create-target-stats-store.js';
import type { Hub, HubOptions } from './hub.js';
import { requiredCapabilities } from './required-capabilities.js';
import { type Resolution, RouteTable } from './route-table.js';
import { targetAddress } from './target-address.js';

const DEFAULT_MAX_ATTEMPTS = 5;
// distinct provider/model ids that may become metric labels; more are labelled `other`
const LABELLED_MODELS = 2_048;
// memoized catalog lookups per address; model ids come from callers, so the memo is bounded
const MODEL_INFO_MEMO = 1_024;
// provider metadata is re-read after this long; providers cache on their side too
const METADATA_TTL_MS = 60 * 60 * 1000;

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
  const selector = resolveSelector(options.selector, parts.selectors);
  const stats = createTargetStatsStore();
  const metadataCache = new Map<string, { loaded: Promise<ProviderMetadata | undefined>; at: number }>();
  const modelInfoCache = new Map<string, { info: Promise<ModelInfo | undefined>; at: number }>();

  const metadataOf = (provider: LLMProvider): Promise<ProviderMetadata | undefined> => {
    const entry = metadataCache.get(provider.providerId);
    if (entry !== undefined && Date.now() - entry.at < METADATA_TTL_MS) return entry.loaded;
    // a provider whose metadata cannot be read is still callable; it just is not filtered
    const loaded = provider.getMetadata().catch(() => undefined);
    metadataCache.set(provider.providerId, { loaded, at: Date.now() });
    return loaded;
  };

  const plan = (request: CompletionRequest, streaming: boolean): PlannedCall | Promise<PlannedCall> => {
    const resolution = routeTable.resolve(request.model);
    if (resolution.entries.length === 1)
      return { route: resolution.route, targets: [resolution.entries[0]?.target as Target] };
    return planRoute(resolution, request, streaming);
  };

  const planRoute = async (
    resolution: Resolution,
    request: CompletionRequest,
    streaming: boolean,
  ): Promise<PlannedCall> => {
    const candidates: Candidate[] = await Promise.all(
      resolution.entries.map(async (entry) => {
        const provider = parts.providers.get(entry.target.providerId) as LLMProvider;
        const metadata = await metadataOf(provider);
        return {
          target: entry.target,
          address: entry.address,
          model: findModel(provider, metadata, entry.target.model),
          stats: stats.get(entry.target),
          weight: entry.weight,
        };
      }),
    );
    const needs = requiredCapabilities(request, streaming);
    const ordered = selector.select(candidates, request, needs);
    if (ordered.length === 0) {
      throw new ConnectorError(
        'invalid_request',
        `Invalid request: no target of route "${resolution.route}" supports what the request needs (tools: ${needs.tools}, vision: ${needs.vision}, json: ${needs.json}, about ${needs.minContextTokens} tokens of context).`,
        { field: 'model' },
      );
    }
    return { route: resolution.route, targets: ordered.map((candidate) => candidate.target) };
  };

  const deps: PipelineDeps = {
    middleware: parts.middleware,
    settleHooks: parts.middleware.filter((item) => item.onSettled !== undefined),
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
    modelInfo(target) {
      // memoized per target for as long as the provider's metadata is: this runs on every call
      // of cost-aware middleware
      const address = targetAddress(target);
      const provider = parts.providers.get(target.providerId);
      if (provider === undefined) return Promise.resolve(undefined);
      const metadataEntry = metadataCache.get(provider.providerId);
      const memo = modelInfoCache.get(address);
      if (memo !== undefined && metadataEntry !== undefined && memo.at === metadataEntry.at) return memo.info;
      const info = metadataOf(provider).then((metadata) => {
        const found = findModel(provider, metadata, target.model);
        if (found !== undefined) knownModels.learn(target);
        return found;
      });
      // least recently inserted goes first: a Map iterates in insertion order
      if (memo !== undefined) modelInfoCache.delete(address);
      else if (modelInfoCache.size >= MODEL_INFO_MEMO)
        modelInfoCache.delete(modelInfoCache.keys().next().value as string);
      modelInfoCache.set(address, { info, at: metadataCache.get(provider.providerId)?.at ?? 0 });
      return info;
    },
  };

  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new ConnectorError('config', 'This hub is closed; create a new one.');
  };

  return {
    complete(request, callOptions = {}) {
      try {
        ensureOpen();
      } catch (error) {
        return Promise.reject(error);
      }
      return runPipeline(deps, request, callOptions);
    },
    stream(request, callOptions = {}) {
      return {
        [Symbol.asyncIterator]: () => {
          ensureOpen();
          return new HubStream(deps, request, callOptions);
        },
      };
    },
    health: (callOptions) =>
      Promise.all([...parts.providers.values()].map((provider) => checkHealth(provider, callOptions))),
    providers: () => [...parts.providers.values()],
    routes: () => routeTable.routes(),
    async metadata() {
      const all = await Promise.all([...parts.providers.values()].map(metadataOf));
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

function findModel(
  provider: LLMProvider,
  metadata: ProviderMetadata | undefined,
  model: string,
): ModelInfo | undefined {
  if (metadata === undefined) return undefined;
  return metadata.models.find((info) => info.id === model) ?? provider.resolveModel?.(model, metadata);
}

function resolveSelector(
  choice: ProviderSelector | string | undefined,
  registered: ReadonlyMap<string, ProviderSelector>,
): ProviderSelector {
  if (choice !== undefined && typeof choice !== 'string') return choice;
  const name = choice ?? 'priority';
  const fromPlugin = registered.get(name);
  if (fromPlugin !== undefined) return fromPlugin;
  switch (name) {
    case 'priority':
      return prioritySelector();
    case 'round-robin':
      return roundRobinSelector();
    case 'weighted':
      return weightedSelector();
    case 'lowest-latency':
      return lowestLatencySelector();
    case 'lowest-cost':
      return lowestCostSelector();
    default:
      throw new ConfigError(
        `Unknown selector "${name}": use priority, round-robin, weighted, lowest-latency, lowest-cost or one a plugin registers (${[...registered.keys()].join(', ') || 'none registered'}).`,
        { path: 'selector' },
      );
  }
}
