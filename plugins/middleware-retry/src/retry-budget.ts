import { SlidingWindowCounter } from '@hub/core';

const REQUESTS = 0;
const RETRIES = 1;
// ten buckets: the window slides in steps of a tenth, close enough to exact at no per-request cost
const BUCKET_COUNT = 10;

/** Settings of a `RetryBudget`. */
export interface RetryBudgetOptions {
  /** Retries allowed per request counted in the window (0.2 = at most 20 % extra load). */
  readonly ratio: number;
  /** Length of the sliding window, in milliseconds. */
  readonly windowMs: number;
  /** Retries always allowed per second of window, so that low traffic can still retry. */
  readonly minRetriesPerSecond: number;
}

/**
 * A per-key (per-provider) retry budget in the manner of Finagle's and gRPC's: over a sliding
 * window, retries may be at most `ratio` of the requests plus a small fixed reserve
 * (`minRetriesPerSecond` × window seconds). During an outage every request fails, and without a
 * budget each one would be retried up to `maxRetries` times — multiplying the load on a provider
 * that is already struggling. With it, the extra load is bounded by `ratio`.
 *
 * Memory grows with the number of keys (providers) only.
 */
export class RetryBudget {
  readonly #options: RetryBudgetOptions;
  readonly #reserve: number;
  readonly #windows = new Map<string, SlidingWindowCounter>();

  constructor(options: RetryBudgetOptions) {
    this.#options = options;
    this.#reserve = (options.minRetriesPerSecond * options.windowMs) / 1000;
  }

  /** Counts one request (not a retry) to `key`. */
  recordRequest(key: string, nowMs: number): void {
    this.#window(key).add(REQUESTS, nowMs);
  }

  /**
   * Takes one retry from the budget of `key` when there is room, and says whether it did.
   * A refused retry is not counted.
   */
  tryWithdraw(key: string, nowMs: number): boolean {
    const window = this.#window(key);
    const allowed = this.#options.ratio * window.sum(REQUESTS, nowMs) + this.#reserve;
    // the epsilon keeps 0.2 × 1000 = 200.00000000000003 from refusing the 200th retry
    if (window.sum(RETRIES, nowMs) + 1 > allowed + 1e-9) return false;
    window.add(RETRIES, nowMs);
    return true;
  }

  /** Requests and retries of `key` counted in the window at `nowMs`. */
  usage(key: string, nowMs: number): { readonly requests: number; readonly retries: number } {
    const window = this.#windows.get(key);
    if (window === undefined) return { requests: 0, retries: 0 };
    return { requests: window.sum(REQUESTS, nowMs), retries: window.sum(RETRIES, nowMs) };
  }

  #window(key: string): SlidingWindowCounter {
    let window = this.#windows.get(key);
    if (window === undefined) {
      window = new SlidingWindowCounter(this.#options.windowMs, BUCKET_COUNT, 2);
      this.#windows.set(key, window);
    }
    return window;
  }
}
