import { abortError } from './abort-error.js';

/**
 * Waits for a shared promise on behalf of one caller: resolves or rejects with it, or rejects
 * as soon as the caller's signal aborts (see `abortError`), leaving the promise running for the
 * other callers that share it.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  providerId: string,
): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal, providerId));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal, providerId));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
