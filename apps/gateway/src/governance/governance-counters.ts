import type { BudgetRefusalReason } from '@hub/store-postgres';

/** Why a presented key was refused with 401 (all alike to the client; apart in metrics). */
export type AuthenticationRefusal = 'missing' | 'unknown' | 'revoked' | 'expired';

/**
 * What the gateway's governance step counts, for `/metrics` (the store counts its own side:
 * ledger buffer, flushes, unchecked admissions). Every label set is fixed, so nothing a client
 * sends can grow it.
 */
export interface GovernanceCounters {
  readonly authenticationRefusals: Record<AuthenticationRefusal, number>;
  readonly budgetRefusals: Record<BudgetRefusalReason, number>;
  /** Calls refused by a database key's or team's requests or tokens per minute. */
  readonly rateLimited: Record<'key' | 'team', number>;
  /**
   * Calls that cost more than their estimate and whose ledger write did not complete before their
   * answer was released (the database was slow or down): the budget saw the overrun late.
   */
  lateOverrunWrites: number;
  /** Catalog lookups that failed: the call was estimated at 0 USD and still settled at its cost. */
  priceLookupFailures: number;
}

/** Fresh counters, all zero. */
export function createGovernanceCounters(): GovernanceCounters {
  return {
    authenticationRefusals: { missing: 0, unknown: 0, revoked: 0, expired: 0 },
    budgetRefusals: { key_budget: 0, team_budget: 0, key_revoked: 0, key_expired: 0 },
    rateLimited: { key: 0, team: 0 },
    lateOverrunWrites: 0,
    priceLookupFailures: 0,
  };
}
