import { abortError } from '@hub/core';
import { RATE_LIMITER_WAIT } from './rate-limiter-wait.js';
import { RedisCommandTimeoutError } from './redis-failure.js';

/**
 * Runs `exchange` (commands on one connection) and settles with its result, or rejects with
 * `RedisCommandTimeoutError` once `timeoutMs` passed, or with `abortError` when `signal`
 * aborts, whichever comes first.
 *
 * The signal handed to `exchange` aborts at that moment, so a command still waiting to be written
 * is dropped unsent. A command already written may still run on the server: `onAbandoned` then
 * receives the exchange itself, whose late result says what it did (a check that admitted must
 * give back what it took).
 */
export function withinDeadline<T>(
  exchange: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  onAbandoned?: (late: Promise<T>) => void,
): Promise<T> {
  if (signal?.aborted === true) return Promise.reject(abortError(signal, RATE_LIMITER_WAIT));
  const controller = new AbortController();
  let work: Promise<T>;
  try {
    work = exchange(controller.signal);
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    /** Ends the wait once; false when it had already ended. */
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const giveUp = (error: Error): void => {
      if (!settle()) return;
      controller.abort(error);
      reject(error);
      onAbandoned?.(work);
    };
    const onAbort = (): void => giveUp(abortError(signal as AbortSignal, RATE_LIMITER_WAIT));
    const timer = setTimeout(() => giveUp(new RedisCommandTimeoutError(timeoutMs)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (result) => {
        if (settle()) resolve(result);
      },
      (error: unknown) => {
        if (settle()) reject(error);
      },
    );
  });
}
