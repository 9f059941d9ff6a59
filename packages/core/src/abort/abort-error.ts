import { ConnectorError } from '../errors/connector-error.js';

/** Where an abort happened: fields for the error, and what was being waited for. */
export interface AbortOrigin {
  readonly providerId?: string;
  readonly model?: string;
  /** What the call was doing, completing "…timed out while …" (`waiting for the rate limiter`). */
  readonly during?: string;
}

/**
 * The one error for an aborted signal, used by the hub, providers and middleware alike:
 *
 * - the signal's reason itself when it is a `ConnectorError` (a deadline that already says what
 *   expired);
 * - `timeout` when the reason is a `TimeoutError` (`AbortSignal.timeout`, a call deadline);
 * - `cancelled` otherwise (the caller aborted).
 *
 * Messages carry no provider prefix: `providerId` is a field, and whoever shows the error to a
 * human adds it once.
 */
export function abortError(signal: AbortSignal, origin: AbortOrigin = {}): ConnectorError {
  const reason: unknown = signal.reason;
  if (ConnectorError.isInstance(reason)) return reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  const during = origin.during === undefined ? '' : ` while ${origin.during}`;
  return new ConnectorError(
    timedOut ? 'timeout' : 'cancelled',
    timedOut ? `The request timed out${during}.` : `The request was cancelled${during}.`,
    {
      cause: reason,
      ...(origin.providerId !== undefined && { providerId: origin.providerId }),
      ...(origin.model !== undefined && { model: origin.model }),
    },
  );
}

/** Throws `abortError(signal, origin)` when `signal` has already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, origin?: AbortOrigin): void {
  if (signal?.aborted === true) throw abortError(signal, origin);
}
