import { type ErrorCode, RETRYABLE_BY_DEFAULT } from './error-code.js';

const MARKER = Symbol.for('@hub/core.connector-error');

/** Details carried by a `ConnectorError` besides its code and message. */
export interface ConnectorErrorOptions {
  /** Overrides the code's default from `RETRYABLE_BY_DEFAULT`. */
  readonly retryable?: boolean;
  /** HTTP status of the upstream response, when there was one. */
  readonly status?: number;
  /** How long the provider asked us to wait before trying again, in milliseconds. */
  readonly retryAfterMs?: number;
  /** The provider the error came from. */
  readonly providerId?: string;
  /** The model the failing call asked for. */
  readonly model?: string;
  /** The provider's own error type or code (`insufficient_quota`, `overloaded_error`, …). */
  readonly providerCode?: string;
  /** Dotted path of the offending request field, for `invalid_request` raised by validation. */
  readonly field?: string;
  /** The underlying error. Never contains credentials (providers redact before wrapping). */
  readonly cause?: unknown;
}

/**
 * The one error type every provider, middleware and the hub throws. Identify it with
 * `ConnectorError.isInstance(value)`, which works across two installed copies of `@hub/core`
 * (where `instanceof` does not).
 *
 * Messages are meant for humans and never contain secrets; code reacts to `code` and `retryable`.
 */
export class ConnectorError extends Error {
  /** Stable machine-readable classification. */
  readonly code: ErrorCode;
  /** Whether trying the same call again may succeed. */
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly providerId: string | undefined;
  readonly model: string | undefined;
  readonly providerCode: string | undefined;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT[code];
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.providerId = options.providerId;
    this.model = options.model;
    this.providerCode = options.providerCode;
    this.field = options.field;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for any `ConnectorError`, including one created by another copy of `@hub/core`. */
  static isInstance(value: unknown): value is ConnectorError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** A JSON-safe summary for logs and API error bodies (the cause is left out). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      providerId: this.providerId,
      model: this.model,
      providerCode: this.providerCode,
      field: this.field,
    };
  }
}
