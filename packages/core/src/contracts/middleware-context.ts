import type { CompletionOperation, HubOperation, RequestOf } from './hub-operation.js';
import type { MetricLabels, MetricsCollector } from './metrics-collector.js';
import type { ModelInfo } from './provider-metadata.js';
import type { TargetStatsStore } from './target-stats.js';

/** A provider and model the hub may call. */
export interface Target {
  readonly providerId: string;
  /** Model id without the provider prefix. */
  readonly model: string;
}

/**
 * Per-request state shared by every middleware hook of one hub call. The same object is passed
 * to all attempts; `providerId`, `model` and `attempt` change on retry and fallback.
 */
export interface MiddlewareContext<O extends HubOperation = CompletionOperation> {
  /** Unique id of the hub call (the caller's `requestId` when given). */
  readonly requestId: string;
  /** What the call does: `complete`, `stream`, `embed` or `count-tokens`. */
  readonly operation: O;
  /** Provider of the current attempt. */
  readonly providerId: string;
  /** Model of the current attempt, without provider prefix. */
  readonly model: string;
  /** The route alias the request named, when it named one. */
  readonly route: string | undefined;
  /** 1 for the first attempt; incremented by every retry and fallback. */
  readonly attempt: number;
  /** The hub's bound on attempts per call (`HubOptions.maxAttempts`). */
  readonly maxAttempts: number;
  /** How many fallbacks happened so far in this call. */
  readonly fallbacks: number;
  /** The validated request as the caller sent it (before any `onRequest` rewrote it). */
  readonly originalRequest: RequestOf<O>;
  /** Remaining candidates of the route after the current one, in selector order. */
  readonly remainingTargets: readonly Target[];
  /** Epoch milliseconds when the hub call started. */
  readonly startTime: number;
  /** Milliseconds since `startTime`. */
  elapsed(): number;
  /** Aborts when the caller cancels or the call's deadline passes. */
  readonly signal: AbortSignal;
  /**
   * String annotations that survive from `onRequest` to `onResponse` / `onError` / `onSettled`,
   * across attempts. Namespace keys by middleware (`cache.key`).
   */
  readonly metadata: Map<string, string>;
  /**
   * For streams: whether content has already reached the caller (after which retry and fallback
   * are refused). Always false for `complete`.
   */
  readonly contentYielded: boolean;
  /** Live per-target statistics (latency, errors, health) shared with the selectors. */
  readonly stats: TargetStatsStore;
  /**
   * Every metrics collector registered on the hub, behind one object whose methods are all
   * present and never throw (for example, a cache middleware calls `recordCacheLookup`).
   */
  readonly metrics: Required<MetricsCollector>;
  /**
   * Labels of the current attempt for `metrics`, bounded whatever the caller sent: a model the
   * hub has no reason to believe exists (not routed, not in the provider's catalog, never
   * answered) is labelled `other`.
   */
  metricLabels(): MetricLabels;
  /**
   * Catalog entry of the current attempt's model (context window, capabilities, prices), from
   * the provider's cached metadata; undefined when the provider does not know the model.
   * Never rejects.
   */
  modelInfo(): Promise<ModelInfo | undefined>;
  /**
   * Sets an HTTP header on the current attempt's provider call (for example credentials from an
   * auth middleware). Headers are cleared at the start of every attempt, so a fallback to another
   * provider never receives them. Header values are never logged by the hub.
   */
  setHeader(name: string, value: string): void;
}
