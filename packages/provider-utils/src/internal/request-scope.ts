import { ConnectorError, toConnectorError } from '@hub/core';
import { CallDeadline } from '../call-deadline.js';
import type { HttpRequestOptions } from '../http-client.js';
import { redactErrorSecrets } from '../redact-error-secrets.js';

/** What a request scope needs to know about its client. */
export interface ScopeContext {
  readonly providerId: string;
  readonly timeoutMs: number;
  /** `null` when undici's default applies. */
  readonly firstByteTimeoutMs: number | null;
  readonly idleTimeoutMs: number | null;
  readonly secrets: readonly string[];
}

const UNDICI_DEFAULT_TIMEOUT_MS = 300_000;

/**
 * The per-request state: the `CallDeadline` the exchange runs under (the caller's, or one of its
 * own built from the request's and the client's limits) and the translation of whatever the
 * exchange throws into a `ConnectorError`.
 */
export class RequestScope {
  readonly deadline: CallDeadline;
  /** undici's own `headersTimeout` / `bodyTimeout`: off where the deadline has the limit. */
  readonly headersTimeout: number | undefined;
  readonly bodyTimeout: number | undefined;
  readonly #context: ScopeContext;
  readonly #owned: boolean;
  #finished = false;

  constructor(context: ScopeContext, request: HttpRequestOptions) {
    this.#context = context;
    const given = request.deadline;
    this.#owned = given === undefined;
    const firstByte = given === undefined ? (request.firstByteTimeoutMs ?? context.firstByteTimeoutMs) : null;
    const idle = given === undefined ? (request.idleTimeoutMs ?? context.idleTimeoutMs) : null;
    const deadline =
      given ??
      new CallDeadline(context.providerId, {
        signal: request.signal,
        timeoutMs: request.timeoutMs ?? context.timeoutMs,
        firstByteTimeoutMs: firstByte ?? 0,
        idleTimeoutMs: idle ?? 0,
      });
    this.deadline = deadline;
    // undici's timers stay as a backstop (300 s) only where neither the deadline nor an explicit 0
    // says otherwise
    this.headersTimeout = deadline.firstByteTimeoutMs > 0 || firstByte === 0 ? 0 : undefined;
    this.bodyTimeout = deadline.idleTimeoutMs > 0 || idle === 0 ? 0 : undefined;
  }

  /** What to give undici as the request's signal; aborting it closes the connection. */
  get signal(): AbortSignal | CallDeadline | undefined {
    return this.deadline.requestSignal;
  }

  /** Releases the deadline when this scope created it; a caller's deadline is the caller's. Idempotent. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#owned) this.deadline.dispose();
  }

  /** Turns anything the exchange threw into the `ConnectorError` to give the caller. */
  convert(error: unknown): ConnectorError {
    if (ConnectorError.isInstance(error)) return error;
    const stopped = this.deadline.failure();
    if (stopped !== undefined) return stopped;
    const { providerId, secrets } = this.#context;
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
      const limit = this.#context.firstByteTimeoutMs ?? UNDICI_DEFAULT_TIMEOUT_MS;
      return new ConnectorError('timeout', `No response headers within ${limit} ms`, {
        providerId,
        cause: error,
      });
    }
    if (code === 'UND_ERR_BODY_TIMEOUT') {
      const limit = this.#context.idleTimeoutMs ?? UNDICI_DEFAULT_TIMEOUT_MS;
      return new ConnectorError('timeout', `The response body stalled for more than ${limit} ms`, {
        providerId,
        cause: error,
      });
    }
    if (code === 'UND_ERR_INVALID_ARG') {
      return redactErrorSecrets(
        new ConnectorError('invalid_request', (error as Error).message, {
          providerId,
          cause: error,
        }),
        secrets,
      );
    }
    const converted = toConnectorError(error, { providerId });
    return redactErrorSecrets(
      new ConnectorError(converted.code, converted.message, {
        retryable: converted.retryable,
        providerId,
        cause: error,
      }),
      secrets,
    );
  }
}
