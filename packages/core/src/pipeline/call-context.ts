import type { MetricsCollector } from '../contracts/metrics-collector.js';
import type { MiddlewareContext, Target } from '../contracts/middleware-context.js';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import type { TargetStatsStore } from '../contracts/target-stats.js';
import type { CompletionRequest } from '../model/completion-request.js';

/** The hub's mutable implementation of `MiddlewareContext`, one per hub call. */
export class CallContext implements MiddlewareContext {
  readonly requestId: string;
  readonly operation: 'complete' | 'stream';
  readonly route: string | undefined;
  readonly originalRequest: CompletionRequest;
  readonly startTime: number;
  readonly signal: AbortSignal;
  readonly stats: TargetStatsStore;
  readonly metrics: Required<MetricsCollector>;
  providerId = '';
  model = '';
  attempt = 0;
  fallbacks = 0;
  contentYielded = false;
  remainingTargets: readonly Target[] = [];
  #metadata: Map<string, string> | undefined;
  readonly #startedAt = performance.now();
  readonly #modelInfo: (target: Target) => Promise<ModelInfo | undefined>;

  constructor(init: {
    requestId: string;
    operation: 'complete' | 'stream';
    route: string | undefined;
    request: CompletionRequest;
    signal: AbortSignal;
    stats: TargetStatsStore;
    metrics: Required<MetricsCollector>;
    modelInfo: (target: Target) => Promise<ModelInfo | undefined>;
  }) {
    this.#modelInfo = init.modelInfo;
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

  elapsed(): number {
    return performance.now() - this.#startedAt;
  }
}
