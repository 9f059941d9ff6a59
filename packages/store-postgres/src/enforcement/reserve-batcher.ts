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

/** A reservation waiting for its batch. `complete` is called exactly once, unless cancelled before sending. */
export interface PendingReserve {
  readonly item: ReserveItem;
  /** Set by the batcher when the item goes into a statement. */
  sent: boolean;
  /** Set when the caller gave up (aborted) before the batch was sent: it is then skipped. */
  cancelled: boolean;
  complete(result: { readonly row: ReserveRow } | { readonly error: unknown }): void;
}

type AnswerRow = {
  idx: number;
  outcome: ReserveRow['outcome'] | 'all_admitted';
  budget: number | null;
  committed: number | null;
};

const ADMITTED: ReserveRow = Object.freeze({ outcome: 'admitted', budget: null, committed: null });

/**
 * Coalesces concurrent reservations into one `hub_reserve` statement per round trip. The first
 * reservation goes out at once (after the current microtasks, so a burst shares it); while a
 * statement is in flight the next ones queue, and all of them go in the next statement (at most
 * `reserveBatchSize`). At concurrency 64 that is one round trip for dozens of calls instead of one
 * each, with every decision still made by the database against locked totals. The queue is bounded
 * by the number of callers waiting, each of which holds a request.
 *
 * What a batch shares (key, team, their periods, model) is sent once per distinct combination;
 * each call adds only its id, the index of its combination and its estimate, as typed arrays.
 */
export class ReserveBatcher {
  private readonly queue: PendingReserve[] = [];
  private running = false;
  private readonly statement: string;

  constructor(private readonly context: StoreContext) {
    const { schema } = context;
    this.statement = `SELECT idx, outcome, budget, committed FROM ${schema}.hub_reserve($1::json, $2::uuid[], $3::integer[], $4::numeric[], $5::timestamptz, $6::timestamptz, $7::boolean)`;
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
        const groups = new Map<string, { g: number } & Omit<ReserveItem, 'id' | 'estimate'>>();
        const ids: string[] = [];
        const groupOf: number[] = [];
        const estimates: number[] = [];
        for (const pending of batch) {
          pending.sent = true;
          const item = pending.item;
          const name = `${item.key_id}|${item.key_period}|${item.team_id}|${item.team_period}|${item.model}`;
          let group = groups.get(name);
          if (group === undefined) {
            group = {
              g: groups.size,
              key_id: item.key_id,
              key_period: item.key_period,
              team_id: item.team_id,
              team_period: item.team_period,
              model: item.model,
            };
            groups.set(name, group);
          }
          ids.push(item.id);
          groupOf.push(group.g);
          estimates.push(item.estimate);
        }
        try {
          // inside the try: whatever fails (even an injected clock) must answer every caller
          const now = settings.now();
          const rows = await withDeadline(
            driver.query<AnswerRow>(this.statement, [
              JSON.stringify([...groups.values()]),
              ids,
              groupOf,
              estimates,
              new Date(now).toISOString(),
              new Date(now + settings.reservationTtlMs).toISOString(),
              settings.synchronousReservations,
            ]),
            settings.queryTimeoutMs,
            undefined,
            'reserving budget',
          );
          counters.reserveStatements++;
          counters.reservations += batch.length;
          if (rows.length === 1 && rows[0]?.outcome === 'all_admitted') {
            for (const pending of batch) pending.complete({ row: ADMITTED });
            continue;
          }
          const byIndex = new Map(rows.map((row) => [row.idx, row as ReserveRow]));
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
