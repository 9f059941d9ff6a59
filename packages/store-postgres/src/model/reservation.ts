/**
 * Budget held for one call between `reserve` and `settle` (or `release`). Pass it back unchanged.
 * Its id becomes the ledger row's id, which makes settling idempotent.
 */
export interface Reservation {
  /** UUID (version 7); also the id of the ledger row `settle` writes. */
  readonly id: string;
  readonly keyId: string | null;
  readonly teamId: string | null;
  /** The estimate held, USD. */
  readonly estimatedCost: number;
  /** Start (UTC ms) of the key's budget period the call counts in. */
  readonly keyPeriodStart: number;
  /** Start (UTC ms) of the team's budget period the call counts in; null without a team. */
  readonly teamPeriodStart: number | null;
  /**
   * True when the estimate is held in the database. False when no budget applies (the key and its
   * team have none), and when the call was admitted unchecked because the database could not
   * answer (`failMode: 'open'`; then `degraded` is true too).
   */
  readonly enforced: boolean;
  /** Admitted without a budget check because the database could not answer (`failMode: 'open'`). */
  readonly degraded: boolean;
}

/** Why `reserve` refused a call. */
export type BudgetRefusalReason =
  /** The key's budget for its current period has no room for the estimate. */
  | 'key_budget'
  /** The team's budget for its current period has no room for the estimate. */
  | 'team_budget'
  /** The key was revoked or deleted after this replica cached it (the database knows better). */
  | 'key_revoked'
  /** The key expired (by the database's copy of `expiresAt`). */
  | 'key_expired';

/** The outcome of `reserve`: admitted with a reservation, or refused by value (never thrown). */
export type ReserveResult =
  | { readonly admitted: true; readonly reservation: Reservation }
  | {
      readonly admitted: false;
      readonly reason: BudgetRefusalReason;
      /** The budget that refused (USD); undefined for `key_revoked` and `key_expired`. */
      readonly budget?: number;
      /** Spent plus in flight in that budget's period when the call was refused (USD). */
      readonly committed?: number;
      /** When the refusing budget's period ends (a new one starts); undefined for `total`. */
      readonly periodEnd?: Date;
    };
