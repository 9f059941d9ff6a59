/** An abort controller that also aborts when a caller's signal does, until released. */
export interface LinkedAbort {
  readonly signal: AbortSignal;
  /** Aborts with `reason` (no effect once aborted). */
  abort(reason: unknown): void;
  /** Stops following the caller's signal; call once the work has ended. */
  release(): void;
}

/**
 * Links a new controller to `parent`. A plain listener (removed by `release`) rather than
 * `AbortSignal.any`, so a long-lived caller signal never accumulates one entry per stream.
 */
export function linkedAbort(parent: AbortSignal | undefined): LinkedAbort {
  const controller = new AbortController();
  const follow = (): void => controller.abort(parent?.reason);
  if (parent?.aborted === true) follow();
  else parent?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    release: () => parent?.removeEventListener('abort', follow),
  };
}
