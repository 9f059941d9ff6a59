import { abortError, ConnectorError } from '@hub/core';

/**
 * Runs `operation` with a signal that aborts after `budgetMs` or when `parent` aborts, and
 * settles no later than that: rejects with `timeout` when the budget runs out, and with
 * `abortError(parent)` (`cancelled`, or `timeout` for a deadline) when `parent` aborts. A late
 * result of the abandoned operation is swallowed (it has no reader). `what` names the operation
 * in messages (`cache get`).
 */
export async function withTimeBudget<T>(
  operation: (signal: AbortSignal) => Promise<T>,
  budgetMs: number,
  what: string,
  parent?: AbortSignal,
): Promise<T> {
  const origin = { during: `waiting for the ${what}` };
  if (parent?.aborted) throw abortError(parent, origin);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new ConnectorError('timeout', `The ${what} exceeded its ${budgetMs} ms budget.`);
      controller.abort(error);
      reject(error);
    }, budgetMs);
    if (parent !== undefined) {
      onAbort = () => {
        const error = abortError(parent, origin);
        controller.abort(error);
        reject(error);
      };
      parent.addEventListener('abort', onAbort, { once: true });
    }
  });
  let work: Promise<T>;
  try {
    work = operation(controller.signal);
  } catch (error) {
    work = Promise.reject(error);
  }
  work.catch(() => {});
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) parent?.removeEventListener('abort', onAbort);
  }
}
