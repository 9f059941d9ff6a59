import { SlidingWindowCounter } from '@hub/core';
import type { CircuitState, CircuitTransitionReason } from './circuit-state-change.js';

/** Channel of a circuit's window counting calls with a verdict (successes and failures). */
export const CALLS = 0;
/** Channel of a circuit's window counting failures. */
export const FAILURES = 1;
// ten buckets: the window slides in steps of a tenth, close enough to exact at no per-call cost
const BUCKET_COUNT = 10;

/** Permission for one attempt to go through, remembered until its outcome is known. */
export interface CircuitAdmission {
  readonly circuit: Circuit;
  /** Whether the attempt is a half-open probe. */
  readonly probe: boolean;
  /** The circuit's generation at admission: outcomes from an earlier generation are stale. */
  readonly generation: number;
}

/**
 * The mutable state of one circuit (one provider, or one provider/model). Plain data: the
 * breaker middleware drives the transitions.
 */
export class Circuit {
  readonly key: string;
  readonly providerId: string;
  /** Undefined for a provider-scoped circuit. */
  readonly model: string | undefined;
  readonly window: SlidingWindowCounter;
  state: CircuitState = 'closed';
  /** Bumped by every transition. */
  generation = 0;
  /** While open: the breaker-clock time from which a probe is admitted. */
  openUntil = 0;
  /** What opened the circuit last. */
  openReason: CircuitTransitionReason | undefined;
  consecutiveFailures = 0;
  probesInFlight = 0;
  /** Shared by every attempt admitted while closed in this generation (no allocation per call). */
  closedAdmission: CircuitAdmission;

  constructor(key: string, providerId: string, model: string | undefined, windowMs: number) {
    this.key = key;
    this.providerId = providerId;
    this.model = model;
    this.window = new SlidingWindowCounter(windowMs, BUCKET_COUNT, 2);
    this.closedAdmission = { circuit: this, probe: false, generation: 0 };
  }
}
