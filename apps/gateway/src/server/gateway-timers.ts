/**
 * The timer functions behind the gateway's own deadlines (request timeout, stream idle
 * timeout). Injected, so tests fire a deadline exactly when they choose instead of sleeping.
 */
export interface GatewayTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process's timers; each handle is unref'd so a pending deadline never holds the process open. */
export const SYSTEM_TIMERS: GatewayTimers = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
