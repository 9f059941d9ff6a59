import { ConnectorError } from '@hub/core';
import { BEDROCK_PROVIDER_ID } from '../bedrock-config.js';

/**
 * The timers of one call: a deadline that runs until the response starts (for a whole
 * `sendCompletion`, until it ends) and, for streams, an idle limit between two events. Both abort
 * with a `timeout` `ConnectorError`, which the HTTP client passes through unchanged; the caller's
 * signal is followed too. The deadline also covers fetching credentials, which happens before any
 * byte is sent. Without either limit nothing is allocated: the caller's signal is used as is.
 */
export class CallDeadline {
  /** The signal to fetch credentials and send the request with. */
  readonly signal: AbortSignal | undefined;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #controller: AbortController | undefined;
  readonly #idleTimeoutMs: number;
  #deadlineTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(callerSignal: AbortSignal | undefined, deadlineMs: number, idleTimeoutMs: number) {
    this.#callerSignal = callerSignal;
    this.#idleTimeoutMs = idleTimeoutMs;
    if (deadlineMs <= 0 && idleTimeoutMs <= 0) {
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
    if (deadlineMs > 0) {
      this.#deadlineTimer = setTimeout(() => this.#expire(`no response within ${deadlineMs} ms`), deadlineMs);
      // the socket keeps the process alive while the request runs; the timer alone must not
      this.#deadlineTimer.unref();
    }
  }

  /** Forwards the caller's abort (this object is the caller signal's listener). */
  handleEvent(): void {
    this.#controller?.abort(this.#callerSignal?.reason);
  }

  /** A stream's headers arrived: stop the deadline and start watching for idle gaps. */
  responseStarted(): void {
    if (this.#deadlineTimer !== undefined) {
      clearTimeout(this.#deadlineTimer);
      this.#deadlineTimer = undefined;
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
    if (this.#deadlineTimer !== undefined) clearTimeout(this.#deadlineTimer);
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#deadlineTimer = undefined;
    this.#idleTimer = undefined;
    if (this.#controller !== undefined) this.#callerSignal?.removeEventListener('abort', this);
  }

  #expire(reason: string): void {
    this.#controller?.abort(
      new ConnectorError('timeout', `${BEDROCK_PROVIDER_ID}: ${reason}`, { providerId: BEDROCK_PROVIDER_ID }),
    );
  }
}
