/**
 * Waits for a (possibly shared) promise on behalf of one caller: settles with it, or rejects as
 * soon as the caller's signal aborts, leaving the promise running for anyone else waiting on it
 * (a metadata load, a token refresh, a library call that takes no signal).
 *
 * @param errorFor - The rejection for an aborted signal; default its `reason`.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  errorFor: (signal: AbortSignal) => unknown = (aborted) => aborted.reason,
): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(errorFor(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(errorFor(signal));
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
