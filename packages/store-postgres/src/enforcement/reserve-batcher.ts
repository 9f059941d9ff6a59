import type { StoreContext } from '../internal/store-context.js';
import { withDeadline } from '../internal/with-deadline.js';

/** One reservation as `hub_reserve` reads it. */
export interface ReserveItem {
  readonly id: string;
  readonly key_id: string;
  readonly key_period: string;
  readonly team_id: string | null;
  readonly team_period: string | null;
  readonly estimate: number;
  readonly model: string;
}

/** What `hub_reserve` answered for one item. */
export interface ReserveRow {
  readonly outcome: 'admitted' | 'key_budget' | 'team_budget' | 'key_revoked' | 'key_expired';
  readonly budget: number | null;
  readonly committed: number | null;
}

/** A reservation waiting for its batch. `complete` is called exactly once. */
export interface PendingReserve {
  readonly item: ReserveItem;
  /** Set by the batcher when the item goes into a statement. */
  sent: boolean;
  /** Set when the caller gave up (aborted) before the batch was sent: it is then skipped. */
  cancelled: boolean;
  complete(result: { readonly row: ReserveRow } | { readonly error: unknown }): void;
}

/**
 * Coalesces concurrent reservations into one `hub_reserve` statement per round trip. The first
 * reservation goes out at once (after the current microtasks, so a burst shares it); while a
 * statement is in flight the next ones queue, and all of them go in the next statement (at most
 * `reserveBatchSize`). At concurrency 64 that is one round trip for dozens of calls instead of one
 * each, with every decision still made by the database against locked totals. The queue is bounded
 * by the number of callers waiting, each of which holds a request.
 */
export class ReserveBatcher {
  private readonly queue: PendingReserve[] = [];
  private running = false;
  private readonly statement: string;

  constructor(private readonly context: StoreContext) {
    const { schema } = context;
    this.statement = `SELECT idx, outcome, budget, committed FROM ${schema}.hub_reserve($1::json, $2::timestamptz, $3::timestamptz)`;
  }

  enqueue(pending: PendingReserve): void {
    this.queue.push(pending);
    if (!this.running) {
      this.running = true;
      queueMicrotask(() => void this.drain());
    }
  }

  private async drain(): Promise<void> {
    const { settings, counters, driver } = this.context;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, settings.reserveBatchSize).filter((pending) => !pending.cancelled);
        if (batch.length === 0) continue;
        for (const pending of batch) pending.sent = true;
        const now = settings.now();
        const payload = JSON.stringify(batch.map((pending, idx) => ({ idx, ...pending.item })));
        try {
          const rows = await withDeadline(
            driver.query<ReserveRow & { idx: number }>(this.statement, [
              payload,
              new Date(now).toISOString(),
              new Date(now + settings.reservationTtlMs).toISOString(),
            ]),
            settings.queryTimeoutMs,
            undefined,
            'reserving budget',
          );
          counters.reserveStatements++;
          counters.reservations += batch.length;
          const byIndex = new Map(rows.map((row) => [row.idx, row]));
          batch.forEach((pending, idx) => {
            const row = byIndex.get(idx);
            pending.complete(
              row === undefined ? { error: new Error('hub_reserve returned no row for an item.') } : { row },
            );
          });
        } catch (error) {
          for (const pending of batch) pending.complete({ error });
        }
      }
    } finally {
      this.running = false;
    }
  }
}
