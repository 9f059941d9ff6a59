import type { LatencySummary } from '../stats/latency-summary.js';

/** One round at concurrency. */
export interface ConcurrentRound {
  readonly requests: number;
  readonly wallMs: number;
  /** User plus system CPU of the whole client process, per request, in microseconds. */
  readonly cpuUsPerRequest: number;
  readonly requestsPerSecond: number;
}

/** What one client scenario measured (times in milliseconds unless named otherwise). */
export interface ClientMeasurement {
  /** Latency of sequential calls. */
  readonly latency: LatencySummary;
  /** Streams only: time from the call to the first text. */
  readonly firstChunk: LatencySummary | undefined;
  /** CPU per request during the sequential calls, in microseconds. */
  readonly sequentialCpuUsPerRequest: number;
  readonly rounds: readonly ConcurrentRound[];
  /** Median round's CPU per request, in microseconds: the figure the targets use. */
  readonly cpuUsPerRequest: number;
  /** Median round's throughput. */
  readonly requestsPerSecond: number;
  /** Requests the upstream received during the measured phases (0 for cache hits). */
  readonly upstreamRequests: number;
}
