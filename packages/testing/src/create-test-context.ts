import {
  type CompletionRequest,
  createTargetStatsStore,
  type HubOperation,
  type MetricLabels,
  type MetricsCollector,
  type MiddlewareContext,
  type ModelInfo,
  type RequestOf,
  type Target,
  type TargetStatsStore,
} from '@hub/core';

/** What a test may set on a `createTestContext` context; everything has a default. */
export interface TestContextOptions<O extends HubOperation> {
  readonly operation?: O;
  readonly providerId?: string;
  readonly model?: string;
  readonly route?: string;
  readonly requestId?: string;
  readonly attempt?: number;
  readonly maxAttempts?: number;
  readonly fallbacks?: number;
  readonly remainingTargets?: readonly Target[];
  readonly originalRequest?: RequestOf<O>;
  readonly signal?: AbortSignal;
  readonly contentYielded?: boolean;
  /** Collector behind `context.metrics` (its methods may be partial). Default: records nothing. */
  readonly metrics?: MetricsCollector;
  /**
   * What `modelInfo()` resolves to: a catalog entry, or a function asked on every call with the
   * current target (a spy, or a catalog that changes during the test). Default undefined.
   */
  readonly modelInfo?: ModelInfo | ((target: Target) => Promise<ModelInfo | undefined>);
  /** Target stats behind `context.stats`, to share one store between contexts as the hub does. */
  readonly stats?: TargetStatsStore;
  /** Clock for `startTime` and `elapsed()`; default `Date.now`. */
  readonly now?: () => number;
}

/** A `MiddlewareContext` for unit tests of middleware, with what the hook set for inspection. */
export type TestContext<O extends HubOperation> = MiddlewareContext<O> & {
  /** Headers the middleware set with `setHeader` (names lowercased). */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Moves the context to the next attempt, as the hub does (clears headers): on the same target
   * (a retry), or on `target` (a fallback: also counts it in `fallbacks`, and takes the targets
   * still left in the route when given).
   */
  nextAttempt(target?: Partial<Target> & { readonly remainingTargets?: readonly Target[] }): void;
};

const NO_METRICS: MetricsCollector = { name: 'none', recordRequest: () => {} };

/**
 * A complete, real `MiddlewareContext` for calling one middleware's hooks directly (no casts, no
 * hub): every member behaves as the hub's does — `metadata` persists, `setHeader` lowercases and
 * is cleared by `nextAttempt`, `metricLabels()` labels the current target, `metrics` forwards to
 * the given collector and never throws. Use a hub (`createHub`) when a test is about ordering
 * between middleware.
 */
export function createTestContext<O extends HubOperation = 'complete'>(
  options: TestContextOptions<O> = {},
): TestContext<O> {
  const now = options.now ?? Date.now;
  const startTime = now();
  const collector = options.metrics ?? NO_METRICS;
  const safe =
    <K extends keyof MetricsCollector>(method: K) =>
    (...args: unknown[]): void => {
      try {
        (collector[method] as ((...values: unknown[]) => void) | undefined)?.apply(collector, args);
      } catch {
        // collectors never fail a call, in tests as in the hub
      }
    };
  const metrics: Required<MetricsCollector> = {
    name: collector.name,
    recordRequest: safe('recordRequest'),
    recordAttemptError: safe('recordAttemptError'),
    recordRetry: safe('recordRetry'),
    recordFallback: safe('recordFallback'),
    recordCacheLookup: safe('recordCacheLookup'),
    recordRateLimit: safe('recordRateLimit'),
    recordCircuitState: safe('recordCircuitState'),
  };
  let headers: Record<string, string> = {};
  const operation = options.operation ?? ('complete' as O);
  const defaultRequest: CompletionRequest = {
    model: `${options.providerId ?? 'mock'}/${options.model ?? 'mock-1'}`,
    messages: [{ role: 'user', content: 'hi' }],
  };
  const context = {
    requestId: options.requestId ?? 'test-request',
    operation,
    providerId: options.providerId ?? 'mock',
    model: options.model ?? 'mock-1',
    route: options.route,
    attempt: options.attempt ?? 1,
    maxAttempts: options.maxAttempts ?? 5,
    fallbacks: options.fallbacks ?? 0,
    originalRequest: options.originalRequest ?? (defaultRequest as RequestOf<O>),
    remainingTargets: options.remainingTargets ?? [],
    startTime,
    elapsed: () => now() - startTime,
    signal: options.signal ?? new AbortController().signal,
    metadata: new Map<string, string>(),
    contentYielded: options.contentYielded ?? false,
    stats: options.stats ?? createTargetStatsStore(now),
    metrics,
    metricLabels(): MetricLabels {
      const base = { provider: context.providerId, model: context.model, operation };
      return context.route === undefined ? base : { ...base, route: context.route };
    },
    modelInfo: (): Promise<ModelInfo | undefined> => {
      const info = options.modelInfo;
      return typeof info === 'function'
        ? info({ providerId: context.providerId, model: context.model })
        : Promise.resolve(info);
    },
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = value;
    },
    get headers() {
      return headers;
    },
    nextAttempt(target: Partial<Target> & { readonly remainingTargets?: readonly Target[] } = {}) {
      headers = {};
      context.attempt++;
      const moves =
        (target.providerId !== undefined && target.providerId !== context.providerId) ||
        (target.model !== undefined && target.model !== context.model);
      if (moves) context.fallbacks++;
      if (target.providerId !== undefined) context.providerId = target.providerId;
      if (target.model !== undefined) context.model = target.model;
      if (target.remainingTargets !== undefined) context.remainingTargets = target.remainingTargets;
    },
  };
  return context;
}
