import { ConnectorError } from '@hub/core';

/**
 * The timers of one streamed call: a deadline for the response headers and an idle limit
 * between two events, both aborting the request with a `timeout` `ConnectorError` (which the
 * HTTP client passes through unchanged). The caller's signal is followed too. Without either
 * limit it allocates nothing: the caller's signal is used as is.
 */
export class StreamDeadline {
  /** The signal to send the request with. */
  readonly signal: AbortSignal | undefined;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #controller: AbortController | undefined;
  readonly #idleTimeoutMs: number;
  #firstByteTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(callerSignal: AbortSignal | undefined, firstByteTimeoutMs: number, idleTimeoutMs: number) {
    this.#callerSignal = callerSignal;
    this.#idleTimeoutMs = idleTimeoutMs;
    if (firstByteTimeoutMs <= 0 && idleTimeoutMs <= 0) {
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
    if (firstByteTimeoutMs > 0) {
      this.#firstByteTimer = setTimeout(
        () => this.#expire(`no response headers within ${firstByteTimeoutMs} ms`),
        firstByteTimeoutMs,
      );
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
    if (this.#idleTimeoutMs > 0 && this.#controller !== undefined) {
      const limit = this.#idleTimeoutMs;
      this.#idleTimer = setTimeout(() => this.#expire(`no stream event for ${limit} ms`), limit);
      this.#idleTimer.unref();
    }
  }

  /** An event arrived: restart the idle limit (one timer, re-armed in place). */
  activity(): void {
    this.#idleTimer?.refresh();
  }

  /** Clears the timers and the listener. Idempotent. */
  dispose(): void {
    if (this.#firstByteTimer !== undefined) clearTimeout(this.#firstByteTimer);
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#firstByteTimer = undefined;
    this.#idleTimer = undefined;
    if (this.#controller !== undefined) this.#callerSignal?.removeEventListener('abort', this);
  }

  #expire(reason: string): void {
    this.#controller?.abort(
      new ConnectorError('timeout', `anthropic: ${reason}`, { providerId: 'anthropic' }),
    );
  }
}
