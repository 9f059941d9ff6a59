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
 * When one passes, `signal` aborts with a `timeout` `ConnectorError` naming the limit; undici
 * then closes the connection, also mid-stream, and rethrows that error, so a stalled stream fails
 * instead of ending silently. The caller's own abort is forwarded. Without any limit it allocates
 * no controller and no timer: `signal` is the caller's signal.
 *
 * Each limit is one timer, re-armed in place (`refresh()`), so a long stream costs no allocation
 * per read. The owner calls `dispose()` exactly when the call ends (idempotent).
 */
export class CallDeadline {
  /** The signal to send requests (and credential fetches, retry waits) with. */
  readonly signal: AbortSignal | undefined;
  /** The whole-call limit in milliseconds; 0 when none. */
  readonly timeoutMs: number;
  /** The first-byte limit in milliseconds; 0 when none. */
  readonly firstByteTimeoutMs: number;
  /** The idle limit in milliseconds; 0 when none. */
  readonly idleTimeoutMs: number;
  readonly #providerId: string;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #controller: AbortController | undefined;
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
    if (this.timeoutMs === 0 && this.firstByteTimeoutMs === 0 && this.idleTimeoutMs === 0) {
      this.signal = options.signal;
      this.#controller = undefined;
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.signal = controller.signal;
    const caller = options.signal;
    if (caller !== undefined) {
      if (caller.aborted) controller.abort(caller.reason);
      else caller.addEventListener('abort', this, { once: true });
    }
    if (this.timeoutMs > 0 && !controller.signal.aborted) {
      this.#wholeTimer = setTimeout(expireWhole, this.timeoutMs, this);
      // the socket keeps the process alive while the call runs; the timer alone must not
      this.#wholeTimer.unref();
    }
  }

  /** Forwards the caller's abort (this object is the caller signal's listener, no closure). */
  handleEvent(): void {
    this.#controller?.abort(this.#callerSignal?.reason);
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
    if (this.#disposed || this.#expired !== undefined || this.#controller === undefined) return;
    const providerId = this.#providerId;
    const message =
      limit === 'whole'
        ? `${providerId}: the request did not complete within ${this.timeoutMs} ms`
        : limit === 'first'
          ? `${providerId}: no response headers within ${this.firstByteTimeoutMs} ms`
          : `${providerId}: the response body stalled for more than ${this.idleTimeoutMs} ms`;
    this.#expired = new ConnectorError('timeout', message, { providerId });
    this.#controller.abort(this.#expired);
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
    if (this.#controller !== undefined) this.#callerSignal?.removeEventListener('abort', this);
  }
}
