import type { GatewayTimers } from '../server/gateway-timers.js';

interface Pending {
  readonly due: number;
  readonly ms: number;
  readonly callback: () => void;
}

/** Gateway timers that fire only when a test advances them: deadlines without sleeping. */
export interface ManualTimers extends GatewayTimers {
  /** Moves the clock forward `ms` and fires, in order, every timer due by then. */
  advance(ms: number): void;
  /** Resolves once a timer of exactly `ms` is pending (already, or when one is set). */
  whenArmed(ms: number): Promise<void>;
}

/** Creates `ManualTimers` starting at time 0. */
export function createManualTimers(): ManualTimers {
  let now = 0;
  let nextHandle = 0;
  const pending = new Map<number, Pending>();
  let waiters: { ms: number; resolve: () => void }[] = [];
  const isArmed = (ms: number): boolean => [...pending.values()].some((timer) => timer.ms === ms);
  return {
    setTimeout(callback, ms) {
      const handle = ++nextHandle;
      pending.set(handle, { due: now + ms, ms, callback });
      const ready = waiters.filter((waiter) => waiter.ms === ms);
      waiters = waiters.filter((waiter) => waiter.ms !== ms);
      for (const waiter of ready) waiter.resolve();
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, timer]) => timer.due <= now)
          .sort(([, a], [, b]) => a.due - b.due)[0];
        if (due === undefined) return;
        pending.delete(due[0]);
        due[1].callback();
      }
    },
    whenArmed(ms) {
      if (isArmed(ms)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ ms, resolve }));
    },
  };
}
