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
  /** Most keys (providers) with a budget at once. Default `RETRY_BUDGET_MAX_KEYS`. */
  readonly maxKeys?: number;
}

/**
 * Default bound on the keys of a `RetryBudget`. Keys are provider ids, which a hub only knows
 * from registered plugins: far below this in practice; the bound is defence in depth.
 */
export const RETRY_BUDGET_MAX_KEYS = 1000;

/**
 * A per-key (per-provider) retry budget in the manner of Finagle's and gRPC's: over a sliding
 * window, retries may be at most `ratio` of the requests plus a small fixed reserve
 * (`minRetriesPerSecond` × window seconds). During an outage every request fails, and without a
 * budget each one would be retried up to `maxRetries` times — multiplying the load on a provider
 * that is already struggling. With it, the extra load is bounded by `ratio`.
 *
 * Memory grows with the number of keys (providers) only, and at most `maxKeys` are kept.
 */
export class RetryBudget {
  readonly #options: RetryBudgetOptions;
  readonly #reserve: number;
  readonly #maxKeys: number;
  // Bound: at most `maxKeys` windows. Eviction: least recently used first (Map order is recency;
  // a key moves to the end when used); an evicted key starts again with an empty window.
  readonly #windows = new Map<string, SlidingWindowCounter>();
  // already last in recency order: moving it again would cost two Map operations per request
  #mostRecent: string | undefined;

  constructor(options: RetryBudgetOptions) {
    this.#options = options;
    this.#reserve = (options.minRetriesPerSecond * options.windowMs) / 1000;
    this.#maxKeys = options.maxKeys ?? RETRY_BUDGET_MAX_KEYS;
  }

  /** How many keys hold a window now: at most `maxKeys`. */
  get size(): number {
    return this.#windows.size;
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
    if (window !== undefined) {
      if (key !== this.#mostRecent) {
        this.#windows.delete(key);
        this.#windows.set(key, window);
        this.#mostRecent = key;
      }
      return window;
    }
    if (this.#windows.size >= this.#maxKeys) {
      const oldest = this.#windows.keys().next();
      if (oldest.done !== true) this.#windows.delete(oldest.value);
    }
    window = new SlidingWindowCounter(this.#options.windowMs, BUCKET_COUNT, 2);
    this.#windows.set(key, window);
    this.#mostRecent = key;
    return window;
  }
}
