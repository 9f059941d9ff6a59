import { type AbortOrigin, abortError } from '@hub/core';

const WAITING: AbortOrigin = { during: 'waiting for credentials' };

/** The callers waiting with one signal: one abort listener for all of them. */
interface SignalWaiters {
  readonly rejects: Set<(error: unknown) => void>;
  readonly onAbort: () => void;
}

/**
 * One asynchronous task shared by every caller who joins it while it runs (coalescing: N callers,
 * one fetch). Each caller may abandon the wait with its own signal without affecting the others;
 * when every caller has left, the task's own signal aborts so the fetch stops too.
 *
 * Callers sharing a signal (the hub hands every call without a deadline the same never-aborting
 * signal) share one abort listener, so fifty waiters never pile fifty listeners on one signal.
 */
export class SharedFlight<T> {
  readonly #controller = new AbortController();
  readonly #result: Promise<T>;
  // Bound: one entry per distinct signal among the callers waiting now; an entry leaves when its
  // signal aborts, and all leave when the task settles
  readonly #bySignal = new Map<AbortSignal, SignalWaiters>();
  #waiters = 0;
  #settled = false;

  constructor(task: (signal: AbortSignal) => Promise<T>) {
    let started: Promise<T>;
    try {
      started = task(this.#controller.signal);
    } catch (error) {
      started = Promise.reject(error);
    }
    this.#result = started;
    const settle = (): void => {
      this.#settled = true;
      for (const [signal, group] of this.#bySignal) signal.removeEventListener('abort', group.onAbort);
      this.#bySignal.clear();
    };
    // also marks the rejection as handled: a flight nobody waits for must not crash the process
    started.then(settle, settle);
  }

  /** False once every caller left and the task was aborted: new callers must start a new flight. */
  get joinable(): boolean {
    return !this.#controller.signal.aborted;
  }

  /** Settles (either way) when the task does; never rejects. */
  get done(): Promise<void> {
    return this.#result.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Waits for the task's result; rejects early (and leaves) when `signal` aborts. */
  join(signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal, WAITING));
    if (signal === undefined || this.#settled) {
      this.#waiters++;
      return this.#result.finally(() => {
        this.#waiters--;
      });
    }
    this.#waiters++;
    return new Promise<T>((resolve, reject) => {
      let group = this.#bySignal.get(signal);
      if (group === undefined) {
        const created: SignalWaiters = {
          rejects: new Set(),
          onAbort: () => {
            this.#bySignal.delete(signal);
            for (const rejectOne of created.rejects) rejectOne(abortError(signal, WAITING));
            this.#waiters -= created.rejects.size;
            if (this.#waiters === 0 && !this.#settled) {
              this.#controller.abort(new DOMException('Every caller stopped waiting.', 'AbortError'));
            }
          },
        };
        group = created;
        this.#bySignal.set(signal, created);
        signal.addEventListener('abort', created.onAbort, { once: true });
      }
      const waiting = group;
      waiting.rejects.add(reject);
      this.#result.then(
        (value) => {
          if (!waiting.rejects.delete(reject)) return;
          this.#waiters--;
          resolve(value);
        },
        (error: unknown) => {
          if (!waiting.rejects.delete(reject)) return;
          this.#waiters--;
          reject(error);
        },
      );
    });
  }
}
