import type { BudgetPeriod } from './budget-period.js';

/** Spend and traffic of one key or team in its current budget period. */
export interface PeriodUsage {
  readonly period: BudgetPeriod;
  readonly periodStart: Date;
  /** Undefined for `total`. */
  readonly periodEnd: Date | undefined;
  /** USD; null for no budget. */
  readonly budget: number | null;
  /** Settled spend, USD (as of the last ledger flush; see `GovernanceStoreOptions.flushIntervalMs`). */
  readonly spent: number;
  /** Estimates of calls in flight, USD. */
  readonly reserved: number;
  /** `budget - spent - reserved`, never below 0; null for no budget. */
  readonly remaining: number | null;
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedTokens: number;
  readonly reasoningTokens: number;
}

/** `getKeyUsage`: the key's period, and its team's (which may have another period). */
export interface KeyUsage extends PeriodUsage {
  readonly keyId: string;
  /** Undefined when the key has no team. */
  readonly team: (PeriodUsage & { readonly teamId: string }) | undefined;
}

/** `getTeamUsage`. */
export interface TeamUsage extends PeriodUsage {
  readonly teamId: string;
}
