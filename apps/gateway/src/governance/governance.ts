import type { GovernanceStore } from '@hub/store-postgres';
import type { GovernanceCounters } from './governance-counters.js';
import type { PriceBook } from './price-book.js';

/**
 * Everything governance needs at run time, built once at start-up when the config has a
 * `database` section (see `openGovernance`); undefined in the gateway context otherwise.
 */
export interface Governance {
  /** Keys, teams, budgets and the ledger; closed (flushing the ledger) on shutdown. */
  readonly store: GovernanceStore;
  /** Catalog prices for estimates. */
  readonly prices: PriceBook;
  readonly counters: GovernanceCounters;
  /** SHA-256 of the admin key; undefined without an `admin` section (no admin API). */
  readonly adminKeyDigest: Buffer | undefined;
  /** The clock of budget periods and latencies, in epoch ms (the store's). */
  readonly now: () => number;
}
