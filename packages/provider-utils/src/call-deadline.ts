import { ConnectorError } from '@hub/core';
import { abortReasonError } from './internal/abort-reason-error.js';

/** The limits of one `CallDeadline`, in milliseconds; `0` or absent means none. */
export interface CallDeadlineOptions {
  /** The caller's signal: its abort cancels the call (see `CallDeadline.failure`). */
  readonly signal?: AbortSignal | undefined;
  /** The whole call, from this object's creation until `dispose()` (for streams: the stream's end). */
  readonly timeoutMs?: number | undefined;
  /** From each `requestSent()` until `headersReceived()`. */
  readonly firstByteTimeoutMs?: number | undefined;
  /**
   * The longest wait for the next piece of the body: counted only between `bodyWaiting()` and
   * `bodyReceived()`, so time the consumer spends not reading (backpressure) never counts.
   */
  readonly idleTimeoutMs?: number | undefined;
}

type Limit = 'whole' | 'first' | 'idle';

function expireWhole(deadline: CallDeadline): void {
  deadline.expire('whole');
}

function expireFirstByte(deadline: CallDeadline): void {
  deadline.expire('first');
}

function expireIdle(deadline: CallDeadline): void {
  deadline.expireIdle();
}

function positive(value: number | undefined): number {
  return value !== undefined && value > 0 ? value : 0;
}

/**
 * The three deadlines of one call, with the meaning `CallOptions` gives them, in one place for
 * every provider and the HTTP client:
 *
 * ```text
 *   created ─► requestSent ──► headersReceived ──► bodyWaiting … bodyReceived ─► … ─► dispose
 *              |◄ firstByteTimeoutMs ►|              |◄─ idleTimeoutMs ─►|
 *   |◄─────────────────────────────── timeoutMs ─────────────────────────────────────────►|
 * ```
 *
 * When one passes, the call aborts with a `timeout` `ConnectorError` naming the limit; undici
 * then closes the connection, also mid-stream, and rethrows that error, so a stalled stream fails
 * instead of ending silently. The caller's own abort is forwarded. Without any limit it allocates
 * nothing: `signal` is the caller's signal.
 *
 * The HTTP client hands undici the deadline itself as the request's abort source (it has the
 * `aborted` / `reason` / `addEventListener` members undici reads): a fresh `AbortSignal` with a
 * listener per request costs about 20 µs of CPU, mostly collecting it, which would double what a
 * request costs the hub. A real `AbortSignal` is made only when someone reads `signal`.
 *
 * Each limit is one timer, re-armed in place (`refresh()`), so a long stream costs no allocation
 * per read. The owner calls `dispose()` exactly when the call ends (idempotent).
 */
export class CallDeadline {
  /** The whole-call limit in milliseconds; 0 when none. */
  readonly timeoutMs: number;
  /** The first-byte limit in milliseconds; 0 when none. */
  readonly firstByteTimeoutMs: number;
  /** The idle limit in milliseconds; 0 when none. */
  readonly idleTimeoutMs: number;
  readonly #providerId: string;
  readonly #callerSignal: AbortSignal | undefined;
  /** Whether any limit is set; without one the caller's signal is used as it is. */
  readonly #limited: boolean;
  #aborted = false;
  #reason: unknown;
  /** The abort listeners undici registered (one per request in flight). */
  #listeners: (() => void)[] | undefined;
  #controller: AbortController | undefined;
  #wholeTimer: NodeJS.Timeout | undefined;
  #firstByteTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #waitingForBody = false;
  #expired: ConnectorError | undefined;
  #disposed = false;

  constructor(providerId: string, options: CallDeadlineOptions) {
    this.#providerId = providerId;
    this.#callerSignal = options.signal;
    this.timeoutMs = positive(options.timeoutMs);
    this.firstByteTimeoutMs = positive(options.firstByteTimeoutMs);
    this.idleTimeoutMs = positive(options.idleTimeoutMs);
    this.#limited = this.timeoutMs > 0 || this.firstByteTimeoutMs > 0 || this.idleTimeoutMs > 0;
    if (!this.#limited) return;
    const caller = options.signal;
    if (caller !== undefined) {
      if (caller.aborted) this.#abort(caller.reason);
      else caller.addEventListener('abort', this, { once: true });
    }
    if (this.timeoutMs > 0 && !this.#aborted) {
      this.#wholeTimer = setTimeout(expireWhole, this.timeoutMs, this);
      // the socket keeps the process alive while the call runs; the timer alone must not
      this.#wholeTimer.unref();
    }
  }

  /**
   * The signal to send credential fetches, retry waits and anything else the call waits for
   * with: it aborts with the caller's signal or a passed limit. The caller's own signal when no
   * limit is set; otherwise made on first read.
   */
  get signal(): AbortSignal | undefined {
    if (!this.#limited) return this.#callerSignal;
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** What the HTTP client gives undici as the request's signal: this object, or the caller's signal. */
  get requestSignal(): AbortSignal | CallDeadline | undefined {
    return this.#limited ? this : this.#callerSignal;
  }

  /** Whether the call was aborted (undici reads it before sending). */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Why the call was aborted: a `timeout` error, or the caller's abort reason. */
  get reason(): unknown {
    return this.#reason;
  }

  /** Registers undici's abort listener for one request. */
  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.#aborted) return;
    if (this.#listeners === undefined) this.#listeners = [listener];
    else this.#listeners.push(listener);
  }

  /** Removes undici's abort listener once its request is done. */
  removeEventListener(_type: 'abort', listener: () => void): void {
    const listeners = this.#listeners;
    if (listeners === undefined) return;
    const index = listeners.indexOf(listener);
    if (index !== -1) listeners.splice(index, 1);
  }

  /** Forwards the caller's abort (this object is the caller signal's listener, no closure). */
  handleEvent(): void {
    this.#abort(this.#callerSignal?.reason);
  }

  #abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
    this.#controller?.abort(reason);
  }

  /** A request went out: (re)start the first-byte limit, also for a retried request. */
  requestSent(): void {
    if (this.firstByteTimeoutMs === 0 || this.#disposed) return;
    if (this.#firstByteTimer === undefined) {
      this.#firstByteTimer = setTimeout(expireFirstByte, this.firstByteTimeoutMs, this);
      this.#firstByteTimer.unref();
    } else {
      this.#firstByteTimer.refresh();
    }
  }

  /** The response headers arrived: the first-byte limit is met. */
  headersReceived(): void {
    if (this.#firstByteTimer !== undefined) {
      clearTimeout(this.#firstByteTimer);
      this.#firstByteTimer = undefined;
    }
  }

  /** The reader waits for the next piece of the body: the idle limit runs until `bodyReceived()`. */
  bodyWaiting(): void {
    if (this.idleTimeoutMs === 0 || this.#disposed) return;
    this.#waitingForBody = true;
    if (this.#idleTimer === undefined) {
      this.#idleTimer = setTimeout(expireIdle, this.idleTimeoutMs, this);
      this.#idleTimer.unref();
    } else {
      // also re-arms a timer that already fired while nobody was waiting
      this.#idleTimer.refresh();
    }
  }

  /** The awaited piece of the body arrived (or the read failed): the idle limit pauses. */
  bodyReceived(): void {
    this.#waitingForBody = false;
  }

  /** The idle timer fired: it counts only while a read is waiting. */
  expireIdle(): void {
    if (this.#waitingForBody) this.expire('idle');
  }

  /** Aborts the call with a `timeout` error naming the limit that passed. */
  expire(limit: Limit): void {
    if (this.#disposed || this.#aborted) return;
    const providerId = this.#providerId;
    const message =
      limit === 'whole'
        ? `The request did not complete within ${this.timeoutMs} ms`
        : limit === 'first'
          ? `No response headers within ${this.firstByteTimeoutMs} ms`
          : `The response body stalled for more than ${this.idleTimeoutMs} ms`;
    this.#expired = new ConnectorError('timeout', message, { providerId });
    this.#abort(this.#expired);
  }

  /** The `timeout` error of the limit that passed, if one did. */
  get expired(): ConnectorError | undefined {
    return this.#expired;
  }

  /**
   * Why the call was stopped, as the error to throw: the `timeout` of a passed limit, or the
   * caller's abort (its reason when that is a `ConnectorError`, `timeout` for a `TimeoutError`,
   * else `cancelled`); `undefined` while neither happened.
   */
  failure(): ConnectorError | undefined {
    if (this.#expired !== undefined) return this.#expired;
    const caller = this.#callerSignal;
    return caller?.aborted === true ? abortReasonError(caller.reason, this.#providerId) : undefined;
  }

  /**
   * The deadline of one of several requests this call sends side by side (embedding batches):
   * the same first-byte and idle limits, which requests in flight together cannot share since
   * each request restarts them, and no whole-call limit of its own (this deadline keeps it; pass
   * a `signal` that aborts with it). The caller disposes the child when its request ends.
   *
   * @param signal - Aborts the child's request: this call's `signal`, or one that also aborts
   *   when a sibling request failed.
   */
  child(signal: AbortSignal | undefined): CallDeadline {
    return new CallDeadline(this.#providerId, {
      signal,
      firstByteTimeoutMs: this.firstByteTimeoutMs,
      idleTimeoutMs: this.idleTimeoutMs,
    });
  }

  /** Clears every timer and the listener on the caller's signal. Idempotent. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#wholeTimer !== undefined) clearTimeout(this.#wholeTimer);
    if (this.#firstByteTimer !== undefined) clearTimeout(this.#firstByteTimer);
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#wholeTimer = undefined;
    this.#firstByteTimer = undefined;
    this.#idleTimer = undefined;
    this.#listeners = undefined;
    if (this.#limited) this.#callerSignal?.removeEventListener('abort', this);
  }
}
