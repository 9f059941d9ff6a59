import { ConfigError } from '@hub/core';

/**
 * The value a label takes once it reached its bound: later new model ids, targets, … are all
 * recorded under it, so their calls are still counted, in one series.
 */
export const OTHER_LABEL_VALUE = 'other';

/**
 * Default bounds of the label sets of `prometheusCollector` and `openTelemetryCollector`. Model
 * ids (and through misconfiguration or a misbehaving upstream, other labels) come from callers, and
 * every distinct value is a set of series kept for the life of the process: without a bound,
 * 10 000 made-up model ids made 250 000 Prometheus series and a 31 MB scrape.
 */
export const METRIC_LABEL_LIMITS = Object.freeze({
  /**
   * Distinct values kept per label (`provider`, `model`, `route`, circuit `target`, the
   * OpenTelemetry provider name, request model and response model); later new values are
   * recorded as `other`. Far above the models a deployment serves, far below what a client can
   * invent.
   */
  maxLabelValues: 200,
  /**
   * Distinct label combinations kept (Prometheus: provider, model, route, operation;
   * OpenTelemetry: provider, request model, response model); a new combination beyond it is
   * recorded with all of those labels `other`. Bounds the product the per-label caps allow.
   */
  maxLabelSets: 1000,
});

/** The label bounds a collector accepts as options. */
export interface MetricLabelLimitOptions {
  /** Distinct values kept per label. Default `METRIC_LABEL_LIMITS.maxLabelValues` (200). */
  readonly maxLabelValues?: number;
  /** Distinct label combinations kept. Default `METRIC_LABEL_LIMITS.maxLabelSets` (1000). */
  readonly maxLabelSets?: number;
}

/**
 * Applies the defaults and validates.
 *
 * @throws ConfigError naming the field when a limit is not a whole number of at least 1.
 */
export function resolveMetricLabelLimits(
  options: MetricLabelLimitOptions,
  subject: string,
): Required<MetricLabelLimitOptions> {
  const maxLabelValues = options.maxLabelValues ?? METRIC_LABEL_LIMITS.maxLabelValues;
  const maxLabelSets = options.maxLabelSets ?? METRIC_LABEL_LIMITS.maxLabelSets;
  for (const [field, value] of [
    ['maxLabelValues', maxLabelValues],
    ['maxLabelSets', maxLabelSets],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 1))
      throw new ConfigError(`${subject}: ${field} must be a whole number of at least 1.`, { path: field });
  }
  return { maxLabelValues, maxLabelSets };
}
