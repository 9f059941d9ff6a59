import type { LatencySummary } from '../stats/latency-summary.js';
import type { ClientMeasurement } from './client-measurement.js';

/** A feature scenario: the hit path measured like any client, plus cache misses. */
export interface FeatureMeasurement extends ClientMeasurement {
  /** Caches only: sequential calls with a new prompt each (lookup, upstream call, store write). */
  readonly miss: LatencySummary | undefined;
}
