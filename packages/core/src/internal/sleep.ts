import { ConnectorError } from '../errors/connector-error.js';
import { NEVER_ABORTS } from './call-signal.js';

/**
 * Waits `ms` milliseconds, rejecting with `cancelled` as soon as `signal` aborts. The timer is
 * cleared on abort so nothing keeps the process alive.
 */
export function sleep(ms: number, maybeSignal: AbortSignal | undefined): Promise<void> {
  // listeners on the shared never-aborting signal would only pile up
  const signal = maybeSignal === NEVER_ABORTS ? undefined : maybeSignal;
  if (signal?.aborted) return Promise.reject(cancelledError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error a cancelled wait or call rejects with. */
export function cancelledError(signal: AbortSignal, providerId?: string): ConnectorError {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return new ConnectorError(
    timedOut ? 'timeout' : 'cancelled',
    timedOut ? 'The request timed out.' : 'The request was cancelled.',
    { cause: reason, ...(providerId !== undefined && { providerId }) },
  );
}

/**
 * A provider reports any abort as `cancelled`; when the call's own deadline caused it, the
 * caller should see `timeout` instead.
 */
export function explainAbort(error: ConnectorError, signal: AbortSignal): ConnectorError {
  if (error.code !== 'cancelled' || !signal.aborted) return error;
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name === 'TimeoutError'
    ? cancelledError(signal, error.providerId)
    : error;
}
