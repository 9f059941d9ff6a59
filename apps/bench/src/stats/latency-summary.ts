import { percentile } from './percentile.js';

/** Percentiles of a set of latency samples, in the samples' unit (milliseconds in this app). */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/**
 * Summarizes latency samples. The input is copied before sorting, so callers may keep appending
 * to their array.
 *
 * @param samples - Latencies in any order.
 * @returns Count, median, p99, mean and maximum (`NaN` figures for no samples).
 */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  let total = 0;
  for (const value of values) total += value;
  return {
    count: values.length,
    p50: percentile(values, 0.5),
    p99: percentile(values, 0.99),
    mean: values.length === 0 ? Number.NaN : total / values.length,
    max: values.length === 0 ? Number.NaN : (values[values.length - 1] as number),
  };
}
