import { abortError } from '@hub/core';
import type { MultiLimitDecision } from '../multi-limit-rate-limiter.js';
import { RATE_LIMITER_WAIT } from './rate-limiter-wait.js';

type Refusal = Extract<MultiLimitDecision, { allowed: false }>;

/** How a call left the queue. */
export type Admission =
  | { readonly admitted: true; readonly waitedMs: number }
  | {
      readonly admitted: false;
      readonly waitedMs: number;
      /** Milliseconds from now until the store expects room; unknown when never at the head. */
      readonly retryAfterMs: number | undefined;
      /** Index of the check that refused last; unknown when never at the head. */
      readonly failedIndex: number | undefined;
    };

interface Waiter {
  readonly keys: readonly string[];
  readonly enqueuedAt: number;
  readonly deadline: number;
  readonly attempt: () => Promise<MultiLimitDecision>;
  readonly release: () => void;
  readonly settle: (outcome: Admission | { error: unknown }) => void;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
  retryTimer: NodeJS.Timeout | undefined;
  deadlineTimer: NodeJS.Timeout | undefined;
  running: boolean;
  done: boolean;
  refusal: Refusal | undefined;
  /** When `refusal` was received. */
  refusedAt: number;
}

function refused(refusal: Refusal, waitedMs: number): Admission {
  return { admitted: false, waitedMs, retryAfterMs: refusal.retryAfterMs, failedIndex: refusal.failedIndex };
}

/**
 * First-in-first-out admission per limit key. A call joins the queue of every key it needs and
 * tries the store only when it is first in all of them, so a later call never overtakes an
 * earlier one on a shared key, while calls with disjoint keys do not wait for each other. The
 * globally oldest waiter is always first in all its queues, so the queue cannot deadlock.
 *
 * Timers exist only for waiting calls (one retry timer at a time for a call at the head, one
 * deadline timer per waiting call) and are cleared when the call leaves; a call whose turn comes
 * tries at once, without a timer.
 */
export class FairQueue {
  readonly #queues = new Map<string, Waiter[]>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Calls waiting, over all keys (a call waiting on two keys counts once per key). */
  get waiting(): number {
    let count = 0;
    for (const queue of this.#queues.values()) count += queue.length;
    return count;
  }

  /**
   * Admits a call needing `keys`: tries `attempt` at once when nobody waits on those keys, else
   * (or when refused) waits its turn and retries after the store's `retryAfterMs`.
   *
   * @param release - Called when an attempt succeeded after the caller gave up (abort or deadline
   *   while the attempt was in flight), to give back what it took.
   * @throws ConnectorError `cancelled` (or `timeout`) as soon as `signal` aborts, and whatever
   *   `attempt` throws.
   */
  async admit(
    keys: readonly string[],
    attempt: () => Promise<MultiLimitDecision>,
    release: () => void,
    signal: AbortSignal,
    maxWaitMs: number,
  ): Promise<Admission> {
    if (signal.aborted) throw abortError(signal, RATE_LIMITER_WAIT);
    const startedAt = this.#now();
    let refusal: Refusal | undefined;
    if (!this.#anyWaiting(keys)) {
      const decision = await attempt();
      if (decision.allowed) {
        if (signal.aborted) {
          release();
          throw abortError(signal, RATE_LIMITER_WAIT);
        }
        return { admitted: true, waitedMs: 0 };
      }
      if (decision.retryAfterMs > maxWaitMs) return refused(decision, this.#now() - startedAt);
      refusal = decision;
    }
    return this.#enqueue(keys, attempt, release, signal, maxWaitMs, startedAt, refusal);
  }

  #anyWaiting(keys: readonly string[]): boolean {
    for (const key of keys) if (this.#queues.has(key)) return true;
    return false;
  }

  #enqueue(
    keys: readonly string[],
    attempt: () => Promise<MultiLimitDecision>,
    release: () => void,
    signal: AbortSignal,
    maxWaitMs: number,
    startedAt: number,
    refusal: Refusal | undefined,
  ): Promise<Admission> {
    return new Promise<Admission>((resolve, reject) => {
      const waiter: Waiter = {
        keys,
        enqueuedAt: startedAt,
        deadline: startedAt + maxWaitMs,
        attempt,
        release,
        signal,
        settle: (outcome) => {
          if ('error' in outcome) reject(outcome.error);
          else resolve(outcome);
        },
        onAbort: () => this.#finish(waiter, { error: abortError(signal, RATE_LIMITER_WAIT) }),
        retryTimer: undefined,
        deadlineTimer: undefined,
        running: false,
        done: false,
        refusal,
        refusedAt: startedAt,
      };
      for (const key of keys) {
        const queue = this.#queues.get(key);
        if (queue === undefined) this.#queues.set(key, [waiter]);
        else queue.push(waiter);
      }
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      const remaining = waiter.deadline - this.#now();
      waiter.deadlineTimer = setTimeout(() => this.#expire(waiter), Math.max(0, remaining));
      if (this.#isHead(waiter)) this.#schedule(waiter, refusal?.retryAfterMs ?? 0);
    });
  }

  #isHead(waiter: Waiter): boolean {
    for (const key of waiter.keys) if (this.#queues.get(key)?.[0] !== waiter) return false;
    return true;
  }

  #schedule(waiter: Waiter, delayMs: number): void {
    if (delayMs <= 0) {
      void this.#run(waiter);
      return;
    }
    waiter.retryTimer = setTimeout(() => {
      waiter.retryTimer = undefined;
      void this.#run(waiter);
    }, delayMs);
  }

  async #run(waiter: Waiter): Promise<void> {
    waiter.running = true;
    let decision: MultiLimitDecision;
    try {
      decision = await waiter.attempt();
    } catch (error) {
      waiter.running = false;
      if (!waiter.done) this.#finish(waiter, { error });
      return;
    }
    waiter.running = false;
    if (waiter.done) {
      // the caller left while the store was answering: give back what the late admission took
      if (decision.allowed) waiter.release();
      return;
    }
    const now = this.#now();
    if (decision.allowed) {
      this.#finish(waiter, { admitted: true, waitedMs: now - waiter.enqueuedAt });
      return;
    }
    waiter.refusal = decision;
    waiter.refusedAt = now;
    if (now + decision.retryAfterMs > waiter.deadline) {
      // known now that the turn comes too late: refuse at once instead of waiting out the deadline
      this.#finish(waiter, refused(decision, now - waiter.enqueuedAt));
      return;
    }
    this.#schedule(waiter, decision.retryAfterMs);
  }

  #expire(waiter: Waiter): void {
    waiter.deadlineTimer = undefined;
    const now = this.#now();
    const refusal = waiter.refusal;
    this.#finish(waiter, {
      admitted: false,
      waitedMs: now - waiter.enqueuedAt,
      retryAfterMs:
        refusal === undefined ? undefined : Math.max(1, waiter.refusedAt + refusal.retryAfterMs - now),
      failedIndex: refusal?.failedIndex,
    });
  }

  #finish(waiter: Waiter, outcome: Admission | { error: unknown }): void {
    if (waiter.done) return;
    waiter.done = true;
    clearTimeout(waiter.retryTimer);
    clearTimeout(waiter.deadlineTimer);
    waiter.retryTimer = undefined;
    waiter.deadlineTimer = undefined;
    waiter.signal.removeEventListener('abort', waiter.onAbort);
    for (const key of waiter.keys) {
      const queue = this.#queues.get(key);
      if (queue === undefined) continue;
      const index = queue.indexOf(waiter);
      if (index >= 0) queue.splice(index, 1);
      if (queue.length === 0) this.#queues.delete(key);
    }
    waiter.settle(outcome);
    this.#wakeHeads(waiter.keys);
  }

  /** Lets the calls that just became first in all their queues try the store. */
  #wakeHeads(keys: readonly string[]): void {
    for (const key of keys) {
      const head = this.#queues.get(key)?.[0];
      if (head === undefined || head.done || head.running || head.retryTimer !== undefined) continue;
      if (this.#isHead(head)) this.#schedule(head, 0);
    }
  }
}
