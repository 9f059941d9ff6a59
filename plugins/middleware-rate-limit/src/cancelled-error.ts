import { ConnectorError } from '@hub/core';

/**
 * The error an aborted wait or store call rejects with (shared with `@hub/rate-limit-redis`): `timeout`
 * for a deadline, else `cancelled`.
 */
export function cancelledError(signal: AbortSignal): ConnectorError {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return new ConnectorError(
    timedOut ? 'timeout' : 'cancelled',
    timedOut ? 'The request timed out while waiting for the rate limiter.' : 'The request was cancelled.',
    { cause: reason },
  );
}

/** Throws `cancelledError(signal)` when `signal` has already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw cancelledError(signal);
}
