import { ConnectorError, toConnectorError } from '@hub/core';
import { sanitizeError } from './sanitize-error.js';

/** What a request scope needs to know about its client. */
export interface ScopeContext {
  readonly providerId: string;
  /** `null` when undici's default applies. */
  readonly firstByteTimeoutMs: number | null;
  readonly idleTimeoutMs: number | null;
  readonly secrets: readonly string[];
}

const UNDICI_DEFAULT_TIMEOUT_MS = 300_000;

function expireScope(scope: RequestScope): void {
  scope.expire();
}

/**
 * The per-request state: the signal handed to undici, the optional whole-exchange deadline
 * (one timer), and the translation of whatever the exchange throws into a `ConnectorError`.
 * Without a deadline it allocates nothing beyond itself: the caller's signal goes straight to
 * undici. With one, an own `AbortController` follows the caller's signal through this object
 * as the event listener (no closure).
 */
export class RequestScope {
  /** The signal to give undici; aborting it closes the connection. */
  readonly signal: AbortSignal | undefined;
  readonly #context: ScopeContext;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #controller: AbortController | undefined;
  readonly #timeoutMs: number;
  #timer: NodeJS.Timeout | undefined;
  #timeoutError: ConnectorError | undefined;
  #finished = false;

  constructor(context: ScopeContext, callerSignal: AbortSignal | undefined, timeoutMs: number) {
    this.#context = context;
    this.#callerSignal = callerSignal;
    this.#timeoutMs = timeoutMs;
    if (timeoutMs <= 0) {
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
    this.#timer = setTimeout(expireScope, timeoutMs, this);
    // the socket keeps the process alive while the request runs; the deadline alone must not
    this.#timer.unref();
  }

  /** Forwards the caller's abort to undici (this object is the caller signal's listener). */
  handleEvent(): void {
    this.#controller?.abort(this.#callerSignal?.reason);
  }

  /** The deadline passed: abort with a `timeout` error, which undici rethrows as is. */
  expire(): void {
    this.#timer = undefined;
    if (this.#finished) return;
    const { providerId } = this.#context;
    this.#timeoutError = new ConnectorError(
      'timeout',
      `${providerId}: the request did not complete within ${this.#timeoutMs} ms`,
      { providerId },
    );
    this.#controller?.abort(this.#timeoutError);
  }

  /** Releases the timer and the listener on the caller's signal. Idempotent. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#controller !== undefined) this.#callerSignal?.removeEventListener('abort', this);
  }

  /** Turns anything the exchange threw into the `ConnectorError` to give the caller. */
  convert(error: unknown): ConnectorError {
    if (ConnectorError.isInstance(error)) return error;
    if (this.#timeoutError !== undefined) return this.#timeoutError;
    const { providerId, secrets } = this.#context;
    if (this.#callerSignal?.aborted === true) return this.#abortError(this.#callerSignal.reason);
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
      const limit = this.#context.firstByteTimeoutMs ?? UNDICI_DEFAULT_TIMEOUT_MS;
      return new ConnectorError('timeout', `${providerId}: no response headers within ${limit} ms`, {
        providerId,
        cause: error,
      });
    }
    if (code === 'UND_ERR_BODY_TIMEOUT') {
      const limit = this.#context.idleTimeoutMs ?? UNDICI_DEFAULT_TIMEOUT_MS;
      return new ConnectorError(
        'timeout',
        `${providerId}: the response body stalled for more than ${limit} ms`,
        {
          providerId,
          cause: error,
        },
      );
    }
    if (code === 'UND_ERR_INVALID_ARG') {
      return sanitizeError(
        new ConnectorError('invalid_request', `${providerId}: ${(error as Error).message}`, {
          providerId,
          cause: error,
        }),
        secrets,
      );
    }
    const converted = toConnectorError(error, { providerId });
    return sanitizeError(
      new ConnectorError(converted.code, `${providerId}: ${converted.message}`, {
        retryable: converted.retryable,
        providerId,
        cause: error,
      }),
      secrets,
    );
  }

  #abortError(reason: unknown): ConnectorError {
    if (ConnectorError.isInstance(reason)) return reason;
    const { providerId } = this.#context;
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return new ConnectorError('timeout', `${providerId}: the request was aborted by a timeout`, {
        providerId,
        cause: reason,
      });
    }
    return new ConnectorError('cancelled', `${providerId}: the request was cancelled`, {
      providerId,
      cause: reason,
    });
  }
}
