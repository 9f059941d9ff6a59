import type { CallOptions } from '../contracts/call-options.js';
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
  maxAttempts = 1;
  fallbacks = 0;
  contentYielded = false;
  remainingTargets: readonly Target[] = [];
  #metadata: Map<string, string> | undefined;
  #headers: Record<string, string> | undefined;
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
