import { abortError } from './abort-error.js';

/**
 * Resolves after `milliseconds`, or rejects with a `cancelled` error as soon as `signal` aborts;
 * the timer is cleared either way.
 */
export function wait(
  milliseconds: number,
  signal: AbortSignal | undefined,
  providerId: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = (): void => {
      clearTimeout(timer);
      reject(abortError(signal?.reason, providerId));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', cancelled);
      resolve();
    }, milliseconds);
    if (signal === undefined) return;
    if (signal.aborted) cancelled();
    else signal.addEventListener('abort', cancelled, { once: true });
  });
}
