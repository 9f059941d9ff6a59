/** The states of a circuit: calls flow (`closed`), are refused (`open`), or probe (`half-open`). */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Why a circuit changed state. */
export type CircuitTransitionReason =
  /** Failure rate over the window reached `failureRateThreshold` (with at least `minimumCalls`). */
  | 'failure-rate'
  /** `consecutiveFailures` failures in a row. */
  | 'consecutive-failures'
  /** `openMs` passed; the next call is let through as a probe. */
  | 'open-elapsed'
  /** A half-open probe succeeded. */
  | 'probe-succeeded'
  /** A half-open probe failed. */
  | 'probe-failed';

/** One state change, as given to `CircuitBreakerOptions.onStateChange`. */
export interface CircuitStateChange {
  /** `provider/model`, or `provider` with `scope: 'provider'`. */
  readonly target: string;
  readonly from: CircuitState;
  readonly to: CircuitState;
  readonly reason: CircuitTransitionReason;
  /** Failure rate (0 to 1) over the window when the circuit opened on `failure-rate`. */
  readonly failureRate?: number;
  /** For `open`: when the circuit admits a probe, in the breaker's clock (ms). */
  readonly openUntil?: number;
  /** Time of the change, in the breaker's clock (ms). */
  readonly at: number;
}
