import { setMaxListeners } from 'node:events';

/** A signal that never aborts, shared by calls without a signal or deadline. */
export const NEVER_ABORTS: AbortSignal = new AbortController().signal;
// middleware (a cache's single flight, a rate-limit queue) may listen on it for every waiting
// call; its listeners never fire, so the leak warning would only be noise
setMaxListeners(0, NEVER_ABORTS);
const NOOP = (): void => {};

/** The signal of one hub call and how to release its timer and listener. */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** True when the caller or the deadline can abort (otherwise providers need no signal). */
  readonly live: boolean;
  /** Aborts the call's own signal (only for calls created `abortable`); a no-op otherwise. */
  abort(reason: unknown): void;
  dispose(): void;
}

/**
 * Combines the caller's signal with the hub's whole-call deadline. Without either, returns a
 * shared never-aborting signal and allocates nothing — unless `abortable`: streams need a signal
 * of their own, because a caller that stops reading while a read is pending must be able to cut
 * the provider's pending read (an async generator's `return()` would wait behind it).
 */
export function createCallSignal(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number | undefined,
  abortable = false,
): CallSignal {
  if (timeoutMs === undefined && !abortable) {
    return callerSignal === undefined
      ? { signal: NEVER_ABORTS, live: false, abort: NOOP, dispose: NOOP }
      : { signal: callerSignal, live: true, abort: NOOP, dispose: NOOP };
  }
  const controller = new AbortController();
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          controller.abort(
            new DOMException(`The hub call exceeded its ${timeoutMs} ms deadline.`, 'TimeoutError'),
          );
        }, timeoutMs);
  const onAbort = (): void => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) controller.abort(callerSignal.reason);
  else callerSignal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    live: true,
    abort: (reason) => controller.abort(reason),
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    },
  };
}
