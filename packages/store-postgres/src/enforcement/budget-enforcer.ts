import { abortError } from '@hub/core';
import { invalidInput, storeUnavailable } from '../errors/store-errors.js';
import type { StoreContext } from '../internal/store-context.js';
import { uuidV7 } from '../internal/uuid-v7.js';
import type { AuthenticatedKey } from '../model/authentication.js';
import { periodEnd, periodStart } from '../model/budget-period.js';
import type { CallRecord } from '../model/call-record.js';
import type { Reservation, ReserveResult } from '../model/reservation.js';
import { validateCallRecord } from '../validation/validate-call-record.js';
import type { BufferedWrite, LedgerWriter } from './ledger-writer.js';
import type { PendingReserve, ReserveBatcher, ReserveRow } from './reserve-batcher.js';

/** What `reserve` takes besides the key. */
export interface ReserveRequest {
  /** The most the call may cost, USD (finite, >= 0): held against the key's and team's budgets. */
  readonly estimatedCost: number;
  /** The model, kept on the reservation so a charge for an abandoned call names it. Default `unknown`. */
  readonly model?: string;
  readonly signal?: AbortSignal;
}

/** The enforcement half of the store: reserve before a call, settle or release after it. */
export interface BudgetEnforcer {
  reserve(authenticated: AuthenticatedKey, request: ReserveRequest): Promise<ReserveResult>;
  settle(reservation: Reservation, record: CallRecord): boolean;
  release(reservation: Reservation): boolean;
  record(authenticated: AuthenticatedKey | undefined, record: CallRecord): boolean;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function checkReservation(reservation: Reservation): void {
  if (typeof reservation !== 'object' || reservation === null || typeof reservation.id !== 'string') {
    throw invalidInput('reservation', 'expected the reservation returned by reserve.');
  }
}

/** Builds reserve, settle, release and record on one batcher and one ledger writer. */
export function createBudgetEnforcer(
  context: StoreContext,
  batcher: ReserveBatcher,
  writer: LedgerWriter,
): BudgetEnforcer {
  const { settings, counters } = context;

  const unchecked = (
    authenticated: AuthenticatedKey | undefined,
    now: number,
    estimatedCost: number,
    degraded: boolean,
    id = uuidV7(now),
  ): Reservation => {
    const key = authenticated?.key;
    const team = authenticated?.team;
    return Object.freeze({
      id,
      keyId: key?.id ?? null,
      teamId: team?.id ?? null,
      estimatedCost,
      keyPeriodStart: key === undefined ? 0 : periodStart(key.budgetPeriod, now),
      teamPeriodStart: team === undefined ? null : periodStart(team.budgetPeriod, now),
      enforced: false,
      degraded,
    });
  };

  const settleWrite = (reservation: Reservation, record: CallRecord): BufferedWrite => {
    const columns = validateCallRecord(record, settings.now());
    return {
      kind: 'settle',
      id: reservation.id,
      row: {
        id: reservation.id,
        kind: 'settle',
        occurred_at: new Date(columns.occurredAt).toISOString(),
        key_id: reservation.keyId,
        key_period: reservation.keyId === null ? null : iso(reservation.keyPeriodStart),
        team_id: reservation.teamId,
        team_period: iso(reservation.teamPeriodStart),
        route: columns.route,
        provider: columns.provider,
        model: columns.model,
        operation: columns.operation,
        input_tokens: columns.inputTokens,
        output_tokens: columns.outputTokens,
        cached_tokens: columns.cachedTokens,
        reasoning_tokens: columns.reasoningTokens,
        cost: columns.cost,
        status: columns.status,
        latency_ms: columns.latencyMs,
        request_id: columns.requestId,
      },
    };
  };

  const releaseWrite = (id: string): BufferedWrite => ({ kind: 'release', id, row: { id, kind: 'release' } });

  const reserve = async (
    authenticated: AuthenticatedKey,
    request: ReserveRequest,
  ): Promise<ReserveResult> => {
    if (typeof authenticated !== 'object' || authenticated === null || authenticated.status !== 'ok') {
      throw invalidInput('authenticated', 'expected the result of authenticate with status "ok".');
    }
    const estimatedCost = request?.estimatedCost;
    if (typeof estimatedCost !== 'number' || !Number.isFinite(estimatedCost) || estimatedCost < 0) {
      throw invalidInput('estimatedCost', 'expected a finite number of USD >= 0.');
    }
    const model = request.model ?? 'unknown';
    if (typeof model !== 'string' || model === '' || model.length > 256) {
      throw invalidInput('model', 'expected 1 to 256 characters.');
    }
    const signal = request.signal;
    if (signal?.aborted === true) throw abortError(signal, { during: 'reserving budget' });
    const { key, team } = authenticated;
    const now = settings.now();
    if (key.budget === null && (team === undefined || team.budget === null)) {
      // no budget applies: nothing to hold, no round trip; the spend is still recorded by settle
      return { admitted: true, reservation: unchecked(authenticated, now, estimatedCost, false) };
    }
    const id = uuidV7(now);
    const keyPeriodStart = periodStart(key.budgetPeriod, now);
    const teamPeriodStart = team === undefined ? null : periodStart(team.budgetPeriod, now);
    const outcome = await new Promise<{ row: ReserveRow } | { error: unknown }>((resolve, reject) => {
      let answered = false;
      const pending: PendingReserve = {
        item: {
          id,
          key_id: key.id,
          key_period: new Date(keyPeriodStart).toISOString(),
          team_id: team?.id ?? null,
          team_period: iso(teamPeriodStart),
          estimate: estimatedCost,
          model,
        },
        sent: false,
        cancelled: false,
        complete: (result) => {
          signal?.removeEventListener('abort', onAbort);
          if (!answered) {
            answered = true;
            resolve(result);
            return;
          }
          // the caller gave up while the statement was in flight: give back what it may hold
          if ('error' in result || result.row.outcome === 'admitted') writer.add(releaseWrite(id));
        },
      };
      const onAbort = (): void => {
        answered = true;
        // not sent yet: the batcher skips it; sent: complete() gives back what it holds
        if (!pending.sent) pending.cancelled = true;
        reject(abortError(signal as AbortSignal, { during: 'reserving budget' }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      batcher.enqueue(pending);
    });
    if ('error' in outcome) {
      // the statement may have committed before failing to answer: the write below (or the
      // degraded call's settle, which deletes the same id) returns whatever it holds
      context.report(outcome.error, 'reserve');
      if (settings.failMode === 'open') {
        counters.uncheckedAdmissions++;
        return { admitted: true, reservation: unchecked(authenticated, now, estimatedCost, true, id) };
      }
      writer.add(releaseWrite(id));
      counters.unavailableRefusals++;
      throw storeUnavailable(outcome.error, settings.unavailableRetryAfterMs);
    }
    const row = outcome.row;
    if (row.outcome === 'admitted') {
      return {
        admitted: true,
        reservation: Object.freeze({
          id,
          keyId: key.id,
          teamId: team?.id ?? null,
          estimatedCost,
          keyPeriodStart,
          teamPeriodStart,
          enforced: true,
          degraded: false,
        }),
      };
    }
    if (row.outcome === 'key_revoked' || row.outcome === 'key_expired') {
      return { admitted: false, reason: row.outcome };
    }
    const end =
      row.outcome === 'key_budget'
        ? periodEnd(key.budgetPeriod, keyPeriodStart)
        : periodEnd((team ?? key).budgetPeriod, teamPeriodStart ?? keyPeriodStart);
    return {
      admitted: false,
      reason: row.outcome,
      budget: Number(row.budget),
      committed: Number(row.committed),
      ...(end !== undefined && { periodEnd: new Date(end) }),
    };
  };

  return {
    reserve,
    settle: (reservation, record) => {
      checkReservation(reservation);
      return writer.add(settleWrite(reservation, record));
    },
    release: (reservation) => {
      checkReservation(reservation);
      return writer.add(releaseWrite(reservation.id));
    },
    record: (authenticated, record) => {
      if (authenticated !== undefined && authenticated?.status !== 'ok') {
        throw invalidInput(
          'authenticated',
          'expected the result of authenticate with status "ok", or undefined.',
        );
      }
      const now = settings.now();
      return writer.add(settleWrite(unchecked(authenticated, now, 0, false), record));
    },
  };
}
