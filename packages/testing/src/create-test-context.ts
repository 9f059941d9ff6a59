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
  /** Catalog entry `modelInfo()` resolves to. Default undefined. */
  readonly modelInfo?: ModelInfo;
  /** Clock for `startTime` and `elapsed()`; default `Date.now`. */
  readonly now?: () => number;
}

/** A `MiddlewareContext` for unit tests of middleware, with what the hook set for inspection. */
export type TestContext<O extends HubOperation> = MiddlewareContext<O> & {
  /** Headers the middleware set with `setHeader` (names lowercased). */
  readonly headers: Readonly<Record<string, string>>;
  /** Moves the context to the next attempt, as the hub does on retry (clears headers). */
  nextAttempt(target?: Partial<Target>): void;
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
    stats: createTargetStatsStore(now),
    metrics,
    metricLabels(): MetricLabels {
      const base = { provider: context.providerId, model: context.model, operation };
      return context.route === undefined ? base : { ...base, route: context.route };
    },
    modelInfo: () => Promise.resolve(options.modelInfo),
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = value;
    },
    get headers() {
      return headers;
    },
    nextAttempt(target: Partial<Target> = {}) {
      headers = {};
      context.attempt++;
      if (target.providerId !== undefined) context.providerId = target.providerId;
      if (target.model !== undefined) context.model = target.model;
    },
  };
  return context;
}
