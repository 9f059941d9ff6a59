import type { CallOptions } from './call-options.js';

/** What one check asks to take from a limit. */
export interface RateLimitCost {
  /** Requests to take; 1 when absent. */
  readonly requests?: number;
  /** Tokens to reserve (an estimate, reconciled later with `updateUsage`). */
  readonly tokens?: number;
}

/**
 * How much a key may take per window. Buckets refill continuously: a full bucket holds
 * `requestsPerWindow` requests (and `tokensPerWindow` tokens) and refills from empty to full in
 * `windowMs`. A rule without either capacity limits nothing, but the key can still be blocked
 * (see `RateLimiter.block`).
 */
export interface RateLimitRule {
  /** Requests per window; absent means requests are not limited by this rule. */
  readonly requestsPerWindow?: number;
  /** Tokens per window; absent means tokens are not limited by this rule. */
  readonly tokensPerWindow?: number;
  /** Milliseconds for an empty bucket to refill completely. */
  readonly windowMs: number;
}

/** One key to check within an atomic multi-limit check. */
export interface LimitCheck {
  readonly key: string;
  /**
   * The rule of `key`. When absent the store uses its configured rule for the key, else the rule
   * the key was last checked with while it had state, else the key is unlimited (blocks still
   * apply).
   */
  readonly rule?: RateLimitRule;
  /** What to take: one request and no tokens when absent. */
  readonly cost?: RateLimitCost;
}

/** The answer of `checkLimits`: one usage per check, in the order of the checks. */
export type MultiLimitDecision =
  | { readonly allowed: true; readonly usages: readonly RateLimitUsage[] }
  | {
      readonly allowed: false;
      /** Milliseconds until every check would fit (the longest of the individual waits). */
      readonly retryAfterMs: number;
      /** Index of the check with the longest wait: the limit to name in an error. */
      readonly failedIndex: number;
      readonly usages: readonly RateLimitUsage[];
    };

/** A token correction for one key (see `RateLimiter.updateUsage`). */
export interface TokenAdjustment {
  readonly key: string;
  /** Positive charges more tokens, negative refunds part of a reservation. */
  readonly tokens: number;
  /** As in `LimitCheck.rule`. */
  readonly rule?: RateLimitRule;
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
  /**
   * Atomically checks every entry and takes all of them, or takes nothing when any entry does not
   * fit or its key is blocked (several limits on one request: provider, model, caller). Keys must
   * be distinct within one call. Optional: limiters that implement it let middleware enforce
   * several limits without partial takes.
   *
   * @throws ConnectorError `cancelled` when `options.signal` aborts.
   */
  checkLimits?(checks: readonly LimitCheck[], options?: CallOptions): Promise<MultiLimitDecision>;
  /**
   * Applies token corrections to several keys in one step. Refunds never fill a bucket beyond its
   * capacity; charges may drive it below zero.
   */
  updateUsages?(adjustments: readonly TokenAdjustment[], options?: CallOptions): Promise<void>;
  /** Refuses every check of `key` for `durationMs` from now (a provider said its quota is gone). */
  block?(key: string, durationMs: number, options?: CallOptions): Promise<void>;
  close?(): Promise<void>;
}
