import { ConnectorError } from '@hub/core';
import type { OpenAIStreamWatch } from '../openai-stream-decoder.js';

function expireFirstByte(watchdog: StreamWatchdog): void {
  watchdog.expire('first');
}

function expireIdle(watchdog: StreamWatchdog): void {
  watchdog.expire('idle');
}

/**
 * Per-call stream deadlines (`CallOptions.timeoutMs` for the first event, `idleTimeoutMs` between
 * events): aborts the request with a `timeout` error when one passes. Created only when a call
 * asks for one, so streams without per-call deadlines pay nothing.
 */
export class StreamWatchdog implements OpenAIStreamWatch {
  /** Give this to the HTTP request: it aborts with the caller's signal or a deadline. */
  readonly signal: AbortSignal;
  readonly #controller = new AbortController();
  readonly #providerId: string;
  readonly #firstEventMs: number | undefined;
  readonly #idleMs: number | undefined;
  #firstTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #released = false;

  constructor(
    providerId: string,
    callerSignal: AbortSignal | undefined,
    firstEventMs: number | undefined,
    idleMs: number | undefined,
  ) {
    this.#providerId = providerId;
    this.#firstEventMs = firstEventMs;
    this.#idleMs = idleMs;
    this.signal =
      callerSignal === undefined
        ? this.#controller.signal
        : AbortSignal.any([callerSignal, this.#controller.signal]);
    const first = firstEventMs ?? idleMs;
    if (first !== undefined) {
      this.#firstTimer = setTimeout(firstEventMs === undefined ? expireIdle : expireFirstByte, first, this);
      this.#firstTimer.unref();
    }
  }

  touch(): void {
    if (this.#released) return;
    if (this.#firstTimer !== undefined) {
      clearTimeout(this.#firstTimer);
      this.#firstTimer = undefined;
    }
    if (this.#idleMs === undefined) return;
    if (this.#idleTimer === undefined) {
      this.#idleTimer = setTimeout(expireIdle, this.#idleMs, this);
      this.#idleTimer.unref();
    } else {
      this.#idleTimer.refresh();
    }
  }

  release(): void {
    this.#released = true;
    if (this.#firstTimer !== undefined) clearTimeout(this.#firstTimer);
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#firstTimer = undefined;
    this.#idleTimer = undefined;
  }

  /** Aborts the request with a `timeout` error naming the deadline that passed. */
  expire(which: 'first' | 'idle'): void {
    if (this.#released) return;
    this.release();
    const providerId = this.#providerId;
    const message =
      which === 'first'
        ? `${providerId}: no stream data within ${this.#firstEventMs} ms`
        : `${providerId}: the stream stalled for more than ${this.#idleMs} ms`;
    this.#controller.abort(new ConnectorError('timeout', message, { providerId }));
  }
}
