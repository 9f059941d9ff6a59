import { abortError } from '@hub/core';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';

/**
 * Runs `task(index, signal)` for every index below `count`, at most `concurrency` at a time, and
 * resolves with the results in index order (whatever order the tasks finish in). Fails fast and
 * cleanly: the first failure aborts `signal` for the tasks still running (closing their
 * connections), starts no further task, waits until the running ones have settled (so nothing
 * is left in flight or unhandled) and rejects with that first failure. Aborting `parent` does the
 * same with its reason.
 *
 * @param count - Number of tasks; work per call is linear in it.
 * @param concurrency - Most tasks running at once (at least 1).
 * @param parent - The call's signal, when it has one.
 * @param task - One unit of work; it must honour `signal`.
 */
export async function mapConcurrently<T>(
  count: number,
  concurrency: number,
  parent: AbortSignal | undefined,
  task: (index: number, signal: AbortSignal) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  const group = new AbortController();
  let failure: { readonly error: unknown } | undefined;
  const onParentAbort = (): void => group.abort(parent?.reason);
  if (parent?.aborted === true) group.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (failure === undefined && !group.signal.aborted && next < count) {
      const index = next++;
      try {
        results[index] = await task(index, group.signal);
      } catch (error) {
        if (failure === undefined) {
          failure = { error };
          group.abort(error);
        }
      }
    }
  };
  try {
    const workers: Promise<void>[] = [];
    for (let started = 0; started < Math.min(Math.max(1, concurrency), count); started++)
      workers.push(worker());
    await Promise.all(workers);
  } finally {
    parent?.removeEventListener('abort', onParentAbort);
  }
  if (failure !== undefined) throw failure.error;
  // the parent aborted between two tasks, when none was running to report it
  if (group.signal.aborted) throw abortError(group.signal, { providerId: BEDROCK_PROVIDER_ID });
  return results;
}
