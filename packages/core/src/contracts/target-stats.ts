import type { Target } from './middleware-context.js';

/** Live statistics of one target, as the hub measured them. */
export interface TargetStats {
  /** Exponentially weighted moving average of successful call latency, ms; undefined before any. */
  readonly latencyMs: number | undefined;
  /** Moving average of the failure rate, 0 to 1. */
  readonly errorRate: number;
  /** Completed calls counted (successes and failures). */
  readonly calls: number;
  /** False while some middleware (a circuit breaker) has marked the target unhealthy. */
  readonly healthy: boolean;
}

/**
 * The one source of truth for per-target measurements: the hub records every attempt's outcome
 * here, selectors read it, circuit breakers mark targets unhealthy, metrics may read it.
 * A target is addressed by provider alone (`model` omitted) or by provider and model.
 */
export interface TargetStatsStore {
  /** Stats of a target; model-level health also reflects provider-level health. */
  get(target: Target): TargetStats;
  /** Records one attempt. `latencyMs` counts only for successes. */
  record(target: Target, outcome: { readonly ok: boolean; readonly latencyMs: number }): void;
  /**
   * Marks a provider (`model` undefined) or a provider/model unhealthy until `untilEpochMs`
   * (or until marked healthy). Selectors skip unhealthy targets while healthy ones remain.
   */
  setHealth(
    target: { readonly providerId: string; readonly model?: string },
    healthy: boolean,
    untilEpochMs?: number,
  ): void;
}
