import { NEVER_ABORTS } from '../internal/call-signal.js';
import { type AbortOrigin, abortError } from './abort-error.js';

/**
 * Waits `ms` milliseconds, rejecting with `abortError(signal, origin)` as soon as `signal`
 * aborts. The timer is cleared on abort and the listener removed when the wait ends, so nothing
 * keeps the process alive or piles up on a long-lived signal.
 */
export function sleep(ms: number, maybeSignal?: AbortSignal, origin?: AbortOrigin): Promise<void> {
  // listeners on the shared never-aborting signal would only pile up
  const signal = maybeSignal === NEVER_ABORTS ? undefined : maybeSignal;
  if (signal?.aborted) return Promise.reject(abortError(signal, origin));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal, origin));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
