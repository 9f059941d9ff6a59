import { abortError } from './abort-error.js';

/**
 * Settles like `promise`, or rejects with a `cancelled` (or the abort reason's) error as soon as
 * `signal` aborts, without cancelling `promise` itself (which other callers may share).
 */
export function raceSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  providerId: string,
): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal.reason, providerId));
  return new Promise<T>((resolve, reject) => {
    const cancelled = (): void => reject(abortError(signal.reason, providerId));
    signal.addEventListener('abort', cancelled, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', cancelled);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', cancelled);
        reject(error);
      },
    );
  });
}
