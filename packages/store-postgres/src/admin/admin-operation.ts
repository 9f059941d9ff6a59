import { abortError, ConnectorError } from '@hub/core';
import type { SqlSession } from '../driver/sql-driver.js';
import { storeUnavailable } from '../errors/store-errors.js';
import type { StoreContext } from '../internal/store-context.js';
import { withDeadline } from '../internal/with-deadline.js';
import type { StoreChange } from '../model/store-change.js';

/** Options every admin method takes. */
export interface AdminCallOptions {
  /** Stops waiting (the method rejects with `cancelled`); a write already sent may still commit. */
  readonly signal?: AbortSignal;
}

type Change = Exclude<StoreChange, { kind: 'resync' }>;

/** Anything but a typed error becomes `overloaded` (the database could not do it), keeping the cause. */
function typed(
  error: unknown,
  context: StoreContext,
  signal: AbortSignal | undefined,
  during: string,
): unknown {
  if (signal?.aborted === true) return abortError(signal, { during });
  if (ConnectorError.isInstance(error)) return error;
  return storeUnavailable(error, context.settings.unavailableRetryAfterMs);
}

/** Runs a read, honouring the signal. */
export async function adminRead<T>(
  context: StoreContext,
  options: AdminCallOptions | undefined,
  during: string,
  work: (session: SqlSession) => Promise<T>,
): Promise<T> {
  const signal = options?.signal;
  try {
    return await withDeadline(work(context.driver), undefined, signal, during);
  } catch (error) {
    throw typed(error, context, signal, during);
  }
}

/**
 * Runs a write in one transaction that also sends the change notification, so every replica hears
 * of the change exactly when it commits (NOTIFY is delivered on commit, never for a rollback). The
 * change is applied to this store's own cache at once, without waiting for the echo.
 */
export async function adminWrite<T>(
  context: StoreContext,
  options: AdminCallOptions | undefined,
  during: string,
  work: (session: SqlSession) => Promise<{ readonly result: T; readonly change?: Change }>,
): Promise<T> {
  const signal = options?.signal;
  if (signal?.aborted === true) throw abortError(signal, { during });
  const committed = context.driver
    .transaction(async (session) => {
      const outcome = await work(session);
      if (outcome.change !== undefined) {
        await session.query('SELECT 1 FROM pg_notify($1, $2)', [
          context.channel,
          context.changes.encode(outcome.change),
        ]);
      }
      return outcome;
    })
    .then((outcome) => {
      if (outcome.change !== undefined) context.applyChange(outcome.change);
      return outcome.result;
    });
  try {
    return await withDeadline(committed, undefined, signal, during);
  } catch (error) {
    throw typed(error, context, signal, during);
  }
}
