import { throwIfAborted } from '@hub/core';
import { sweepStatement } from '../enforcement/ledger-statements.js';
import type { StoreContext } from '../internal/store-context.js';
import { requireDate, requireObject } from '../validation/field-validators.js';
import { type AdminCallOptions, adminRead } from './admin-operation.js';

/** What `pruneLedger` takes. */
export interface PruneLedgerQuery {
  /** Ledger rows that happened before this instant are deleted (daily rollups are kept). */
  readonly before: Date | string;
}

/** Housekeeping: the methods of `GovernanceStore` that keep tables small and budgets honest. */
export interface Maintenance {
  pruneLedger(query: PruneLedgerQuery, options?: AdminCallOptions): Promise<number>;
  sweepExpiredReservations(options?: AdminCallOptions): Promise<number>;
}

/** Rows per statement: short transactions that never hold many locks or much WAL at once. */
const BATCH = 5000;

/** Builds pruning and the reservation sweep on one store. */
export function createMaintenance(context: StoreContext): Maintenance {
  const { schema, settings, counters } = context;
  const sweep = sweepStatement(schema);
  return {
    pruneLedger: (query, options) => {
      const before = requireDate(requireObject(query, 'query').before, 'before').toISOString();
      return adminRead(context, options, 'pruning the ledger', async (session) => {
        let total = 0;
        for (;;) {
          throwIfAborted(options?.signal, { during: 'pruning the ledger' });
          const rows = await session.query<{ count: number }>(
            `WITH gone AS (
               DELETE FROM ${schema}.hub_spend_ledger WHERE id IN (
                 SELECT id FROM ${schema}.hub_spend_ledger WHERE occurred_at < $1 LIMIT ${BATCH})
               RETURNING 1)
             SELECT count(*)::integer AS count FROM gone`,
            [before],
          );
          const count = rows[0]?.count ?? 0;
          total += count;
          if (count < BATCH) return total;
        }
      });
    },

    sweepExpiredReservations: (options) =>
      adminRead(context, options, 'sweeping expired reservations', async (session) => {
        let total = 0;
        for (;;) {
          throwIfAborted(options?.signal, { during: 'sweeping expired reservations' });
          const rows = await session.query<{ charged: number; released: number }>(sweep, [
            new Date(settings.now()).toISOString(),
            BATCH,
          ]);
          const released = rows[0]?.released ?? 0;
          counters.expiredReservations += rows[0]?.charged ?? 0;
          total += released;
          if (released < BATCH) return total;
        }
      }),
  };
}
