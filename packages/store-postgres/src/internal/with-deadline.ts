import { abortError } from '@hub/core';

/** A database operation that did not answer within its deadline (the database may still finish it). */
export class StatementTimeoutError extends Error {
  constructor(during: string, timeoutMs: number) {
    super(`The database did not answer within ${timeoutMs} ms while ${during}.`);
    this.name = 'StatementTimeoutError';
  }
}

/**
 * Waits for `work` at most `timeoutMs` (undefined: no deadline), and no longer than `signal` allows. `work` itself goes on
 * (a sent statement cannot be taken back); its eventual failure is observed so it is never an
 * unhandled rejection.
 */
export function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number | undefined,
  signal: AbortSignal | undefined,
  during: string,
): Promise<T> {
  if (signal?.aborted === true) {
    work.catch(() => undefined);
    return Promise.reject(abortError(signal, { during }));
  }
  return new Promise<T>((resolve, reject) => {
    const finish = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(abortError(signal as AbortSignal, { during }));
    };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            finish();
            reject(new StatementTimeoutError(during, timeoutMs));
          }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}
