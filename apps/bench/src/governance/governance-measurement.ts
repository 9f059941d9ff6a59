/** Which database the governance measurement ran against. */
export type GovernanceBackend = 'postgres' | 'pglite';

/** Latency percentiles of one step, in milliseconds. */
export interface GovernanceLatency {
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

/**
 * One run of `@hub/gateway`'s governance measurement (`measureGovernanceOverhead`), as its runner
 * prints it with `--json`: the gateway's own admission path for a database key at `concurrency`
 * calls in flight, each followed by `upstreamMs` of simulated upstream time.
 */
export interface GovernanceMeasurement {
  readonly backend: GovernanceBackend;
  readonly concurrency: number;
  /** Measured calls (warm-up calls excluded). */
  readonly calls: number;
  readonly upstreamMs: number;
  /** Key authentication plus model check, estimate and budget reservation, per call. */
  readonly admission: GovernanceLatency;
  /** Settling a call (buffering its ledger row) after the upstream answered. */
  readonly settle: GovernanceLatency;
  /** The same step for a config-file key, no database: the gateway before governance. */
  readonly baseline: GovernanceLatency;
  /** Measured calls per second, upstream time included. */
  readonly callsPerSecond: number;
}
