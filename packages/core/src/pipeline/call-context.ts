import type { CallOptions } from '../contracts/call-options.js';
import type { HubOperation, RequestOf } from '../contracts/hub-operation.js';
import type { MetricLabels, MetricsCollector } from '../contracts/metrics-collector.js';
import type { MiddlewareContext, Target } from '../contracts/middleware-context.js';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import type { TargetStatsStore } from '../contracts/target-stats.js';
import type { KnownModels } from './known-models.js';

/** The hub's mutable implementation of `MiddlewareContext`, one per hub call. */
export class CallContext<O extends HubOperation = HubOperation> implements MiddlewareContext<O> {
  readonly requestId: string;
  readonly operation: O;
  readonly route: string | undefined;
  readonly originalRequest: RequestOf<O>;
  readonly startTime: number;
  readonly signal: AbortSignal;
  readonly stats: TargetStatsStore;
  readonly metrics: Required<MetricsCollector>;
  providerId = '';
  model = '';
  attempt = 0;
  maxAttempts = 1;
  fallbacks = 0;
  contentYielded = false;
  remainingTargets: readonly Target[] = [];
  #metadata: Map<string, string> | undefined;
  #headers: Record<string, string> | undefined;
  readonly #startedAt = performance.now();
  readonly #modelInfo: (target: Target) => Promise<ModelInfo | undefined>;
  readonly #knownModels: KnownModels;

  constructor(init: {
    requestId: string;
    operation: O;
    route: string | undefined;
    request: RequestOf<O>;
    signal: AbortSignal;
    stats: TargetStatsStore;
    metrics: Required<MetricsCollector>;
    modelInfo: (target: Target) => Promise<ModelInfo | undefined>;
    knownModels: KnownModels;
  }) {
    this.#modelInfo = init.modelInfo;
    this.#knownModels = init.knownModels;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.route = init.route;
    this.originalRequest = init.request;
    this.signal = init.signal;
    this.stats = init.stats;
    this.metrics = init.metrics;
    this.startTime = Date.now();
  }

  // created on first use: most calls through a bare hub never touch it
  get metadata(): Map<string, string> {
    this.#metadata ??= new Map();
    return this.#metadata;
  }

  modelInfo(): Promise<ModelInfo | undefined> {
    return this.#modelInfo({ providerId: this.providerId, model: this.model });
  }

  metricLabels(): MetricLabels {
    const model = this.#knownModels.labelOf(this);
    return this.route === undefined
      ? { provider: this.providerId, model, operation: this.operation }
      : { provider: this.providerId, model, route: this.route, operation: this.operation };
  }

  /** A target's `provider/model` address for a metric label, its model bounded as in `metricLabels`. */
  targetLabel(target: Target): string {
    return `${target.providerId}/${this.#knownModels.labelOf(target)}`;
  }

  /**
   * Before the call's final measurement: a model not yet known is looked up in the provider's
   * catalog (cached metadata), so a catalog model that failed is still labelled by its id.
   */
  async learnModelFromCatalog(): Promise<void> {
    if (this.providerId === '' || this.#knownModels.has(this)) return;
    if ((await this.modelInfo()) !== undefined) this.#knownModels.learn(this);
  }

  setHeader(name: string, value: string): void {
    this.#headers ??= {};
    this.#headers[name.toLowerCase()] = value;
  }

  /** Starts an attempt: clears headers set for the previous one. */
  beginAttempt(): void {
    this.#headers = undefined;
  }

  /** The provider call options for this attempt, with headers set by middleware merged in. */
  optionsFor(options: CallOptions): CallOptions {
    if (this.#headers === undefined) return options;
    return { ...options, headers: { ...options.headers, ...this.#headers } };
  }

  elapsed(): number {
    return performance.now() - this.#startedAt;
  }
}
