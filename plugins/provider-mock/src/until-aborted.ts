import { type AbortOrigin, abortError } from '@hub/core';

/**
 * Never resolves; rejects with `abortError(signal, origin)` when `signal` aborts. No timer, so a
 * hanging call keeps nothing alive but its listener, which the abort removes. Without a signal it
 * waits forever: only a caller that can cancel should hang.
 */
export function untilAborted(signal: AbortSignal | undefined, origin: AbortOrigin): Promise<never> {
  if (signal?.aborted) return Promise.reject(abortError(signal, origin));
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(abortError(signal, origin)), { once: true });
  });
}
