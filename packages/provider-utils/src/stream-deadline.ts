import { ConnectorError } from '@hub/core';

function expireFirstByte(deadline: StreamDeadline): void {
  deadline.expire('first');
}

function expireIdle(deadline: StreamDeadline): void {
  deadline.expire('idle');
}

/**
 * The timers of one streamed call: `CallOptions.timeoutMs` as a deadline for the response
 * headers, `idleTimeoutMs` as the longest gap between two events. Either aborts the request with
 * a `timeout` `ConnectorError` (which the HTTP client passes through unchanged). The caller's
 * signal is followed too. Without either limit it allocates nothing: the caller's signal is used
 * as is.
 */
export class StreamDeadline {
  /** The signal to send the request with. */
  readonly signal: AbortSignal | undefined;
  readonly #providerId: string;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #controller: AbortController | undefined;
  readonly #firstByteMs: number;
  readonly #idleMs: number;
  #firstByteTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #disposed = false;

  constructor(
    providerId: string,
    callerSignal: AbortSignal | undefined,
    firstByteMs: number,
    idleMs: number,
  ) {
    this.#providerId = providerId;
    this.#callerSignal = callerSignal;
    this.#firstByteMs = firstByteMs;
    this.#idleMs = idleMs;
    if (firstByteMs <= 0 && idleMs <= 0) {
      this.signal = callerSignal;
      this.#controller = undefined;
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.signal = controller.signal;
    if (callerSignal !== undefined) {
      if (callerSignal.aborted) controller.abort(callerSignal.reason);
      else callerSignal.addEventListener('abort', this, { once: true });
    }
    if (firstByteMs > 0) {
      this.#firstByteTimer = setTimeout(expireFirstByte, firstByteMs, this);
      // the socket keeps the process alive while the request runs; the timer alone must not
      this.#firstByteTimer.unref();
    }
  }

  /** Forwards the caller's abort (this object is the caller signal's listener). */
  handleEvent(): void {
    this.#controller?.abort(this.#callerSignal?.reason);
  }

  /** The headers arrived: stop the first-byte deadline and start watching for idle gaps. */
  headersReceived(): void {
    if (this.#firstByteTimer !== undefined) {
      clearTimeout(this.#firstByteTimer);
      this.#firstByteTimer = undefined;
    }
    if (this.#idleMs > 0 && this.#controller !== undefined && !this.#disposed) {
      this.#idleTimer = setTimeout(expireIdle, this.#idleMs, this);
      this.#idleTimer.unref();
    }
  }

  /** An event arrived: restart the idle limit (one timer, re-armed in place). */
  activity(): void {
    this.#idleTimer?.refresh();
  }

  /** Aborts the request with a `timeout` error naming the limit that passed. */
  expire(which: 'first' | 'idle'): void {
    if (this.#disposed) return;
    const providerId = this.#providerId;
    const message =
      which === 'first'
        ? `${providerId}: no response headers within ${this.#firstByteMs} ms`
        : `${providerId}: no stream event for ${this.#idleMs} ms`;
    this.#controller?.abort(new ConnectorError('timeout', message, { providerId }));
  }

  /** Clears the timers and the listener. Idempotent. */
  dispose(): void {
    this.#disposed = true;
    if (this.#firstByteTimer !== undefined) clearTimeout(this.#firstByteTimer);
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#firstByteTimer = undefined;
    this.#idleTimer = undefined;
    if (this.#controller !== undefined) this.#callerSignal?.removeEventListener('abort', this);
  }
}
