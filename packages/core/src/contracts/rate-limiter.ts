import type { CallOptions } from './call-options.js';

/** What one check asks to take from a limit. */
export interface RateLimitCost {
  /** Requests to take; 1 when absent. */
  readonly requests?: number;
  /** Tokens to reserve (an estimate, reconciled later with `updateUsage`). */
  readonly tokens?: number;
}

/** The answer of `checkLimit`. */
export type RateLimitDecision =
  | { readonly allowed: true; readonly usage: RateLimitUsage }
  | {
      readonly allowed: false;
      /** How long until the cost would fit, in milliseconds. */
      readonly retryAfterMs: number;
      readonly usage: RateLimitUsage;
    };

/** Remaining allowance of a key. Absent fields have no limit configured. */
export interface RateLimitUsage {
  readonly requestsRemaining?: number;
  readonly tokensRemaining?: number;
  /** Epoch milliseconds when the allowance is fully restored. */
  readonly resetAt: number;
}

/**
 * Enforces request and token limits per key (a provider id, `provider/model`, a tenant, or a
 * composite the middleware builds).
 */
export interface RateLimiter {
  readonly name: string;
  /**
   * Atomically checks that `cost` fits and takes it. When it does not fit nothing is taken
   * (never a partial take) and the decision says how long to wait.
   */
  checkLimit(key: string, cost?: RateLimitCost, options?: CallOptions): Promise<RateLimitDecision>;
  /**
   * Reconciles tokens after a call: a positive `tokens` charges more, a negative one refunds
   * part of the reservation.
   */
  updateUsage(key: string, tokens: number, options?: CallOptions): Promise<void>;
  /** Forgets the state of `key`, or of every key when absent. */
  reset(key?: string, options?: CallOptions): Promise<void>;
  getUsage(key: string, options?: CallOptions): Promise<RateLimitUsage>;
  close?(): Promise<void>;
}
