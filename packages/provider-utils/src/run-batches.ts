import { abortError } from '@hub/core';

/** What `runBatches` needs. */
export interface RunBatchesOptions<T, R> {
  /** Most batches in flight at once (at least 1). */
  readonly concurrency: number;
  /** The caller's signal: aborting it aborts every batch in flight and starts no other. */
  readonly signal?: AbortSignal | undefined;
  /** Sets `providerId` / `model` on the error of an already aborted signal. */
  readonly origin?: { readonly providerId?: string; readonly model?: string };
  /**
   * Runs one batch. `signal` aborts when the caller aborts or another batch failed; the batch
   * must then stop (close its connection) and reject.
   */
  run(batch: T, index: number, signal: AbortSignal): Promise<R>;
}

/**
 * Runs `batches` with at most `concurrency` in flight and resolves with their results in batch
 * order, whatever order they finished in. The first failure fails the whole run: the batches
 * still in flight are aborted (their sockets closed), no further batch starts, and once every
 * started batch has settled the run rejects with that first error (never a partial result, never
 * an unhandled rejection).
 */
export async function runBatches<T, R>(
  batches: readonly T[],
  options: RunBatchesOptions<T, R>,
): Promise<R[]> {
  const { signal } = options;
  if (signal?.aborted === true) throw abortError(signal, options.origin);
  const results = new Array<R>(batches.length);
  const group = new AbortController();
  const forwardAbort = (): void => group.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  let next = 0;
  let failed = false;
  let firstError: unknown;

  const worker = async (): Promise<void> => {
    while (!failed && !group.signal.aborted && next < batches.length) {
      const index = next++;
      try {
        results[index] = await options.run(batches[index] as T, index, group.signal);
      } catch (error) {
        if (!failed) {
          failed = true;
          firstError = error;
          group.abort(error);
        }
      }
    }
  };

  try {
    const workers: Promise<void>[] = [];
    const count = Math.max(1, Math.min(options.concurrency, batches.length));
    for (let index = 0; index < count; index++) workers.push(worker());
    await Promise.all(workers);
  } finally {
    signal?.removeEventListener('abort', forwardAbort);
  }
  if (failed) throw firstError;
  // the caller aborted between two batches: nothing failed, but not everything ran
  if (group.signal.aborted && signal !== undefined) throw abortError(signal, options.origin);
  return results;
}
