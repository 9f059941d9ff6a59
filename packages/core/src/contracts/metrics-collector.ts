import type { ErrorCode } from '../errors/error-code.js';
import type { FinishReason } from '../model/finish-reason.js';
import type { Usage } from '../model/usage.js';
import type { HubOperation } from './hub-operation.js';

/**
 * Labels of every measurement. Never a key, prompt or user text: only bounded identifiers.
 */
export interface MetricLabels {
  /** A registered provider id. */
  readonly provider: string;
  /**
   * The model id when the hub knows the model (a configured route's target, in the provider's
   * catalog, or answered by the provider before), otherwise `other`: callers choose model ids, so
   * labelling each one would let a client create unbounded series.
   */
  readonly model: string;
  /** Route alias, when the request named one. */
  readonly route?: string;
  readonly operation: HubOperation;
}

/** One finished hub call (after all retries and fallbacks). */
export interface RequestMeasurement {
  readonly labels: MetricLabels;
  /** `success`, or the error code that failed the call. */
  readonly outcome: 'success' | ErrorCode;
  /** Wall time of the whole call, in milliseconds. */
  readonly durationMs: number;
  /** For streams: milliseconds until the first content chunk. */
  readonly timeToFirstTokenMs?: number;
  readonly usage?: Usage;
  /** The model that answered, as the provider reported it (successes only). */
  readonly responseModel?: string;
  /** Why generation stopped (successes only). */
  readonly finishReason?: FinishReason;
  /** Attempts made, counting the first, retries and fallbacks. */
  readonly attempts?: number;
  /** Cost in USD; absent when prices are unknown (never zero for unknown). */
  readonly costUsd?: number;
  /** Whether the answer came from a cache. */
  readonly cached?: boolean;
}

/**
 * A sink for measurements, shaped so one implementation can feed Prometheus (counters and
 * histograms) or OpenTelemetry (instruments and spans). Every method is synchronous, must not
 * throw and must be cheap: it runs on the request path. Durations are milliseconds; collectors
 * convert to their own units (seconds for Prometheus).
 */
export interface MetricsCollector {
  readonly name: string;
  /** One finished hub call. */
  recordRequest(measurement: RequestMeasurement): void;
  /** One failed attempt (also counted when a retry or fallback then succeeded). */
  recordAttemptError?(labels: MetricLabels, code: ErrorCode): void;
  /** The hub is about to retry the same target. */
  recordRetry?(labels: MetricLabels): void;
  /** The hub is moving from one target to another. */
  recordFallback?(labels: MetricLabels, toTarget: string): void;
  /** A cache lookup. */
  recordCacheLookup?(labels: MetricLabels, hit: boolean): void;
  /** A rate-limit check that waited or rejected. */
  recordRateLimit?(
    labels: MetricLabels,
    outcome: { readonly waitedMs: number; readonly rejected: boolean },
  ): void;
  /** A circuit breaker changed state. */
  recordCircuitState?(target: string, state: 'closed' | 'open' | 'half-open'): void;
}
