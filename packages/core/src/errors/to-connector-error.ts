import { ConnectorError } from './connector-error.js';
import type { ErrorCode } from './error-code.js';

/** Context added to errors converted at a boundary. */
export interface ErrorOrigin {
  readonly providerId?: string;
  readonly model?: string;
}

// Node socket errors and undici's error codes that mean "the connection failed"
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT',
  'UND_ERR_DESTROYED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR_TIMEOUT',
]);

/**
 * Turns anything thrown into a `ConnectorError`, at the boundary where foreign code is called.
 * A `ConnectorError` passes through unchanged, or as a copy that adds the provider or model it
 * lacked (so every error the hub reports names where it came from); an abort becomes `cancelled` (or `timeout` when
 * the abort reason was a timeout); socket failures become `network`; JSON syntax errors `parse`.
 */
export function toConnectorError(error: unknown, origin: ErrorOrigin = {}): ConnectorError {
  if (ConnectorError.isInstance(error)) return withOrigin(error, origin);
  const code = classify(error);
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError(code, describe(code, message), {
    cause: error,
    ...(origin.providerId !== undefined && { providerId: origin.providerId }),
    ...(origin.model !== undefined && { model: origin.model }),
  });
}

/** The same error, or a copy carrying the origin's provider and model where it had none. */
function withOrigin(error: ConnectorError, origin: ErrorOrigin): ConnectorError {
  const providerId = error.providerId ?? origin.providerId;
  const model = error.model ?? origin.model;
  if (providerId === error.providerId && model === error.model) return error;
  const copy = new ConnectorError(error.code, error.message, {
    retryable: error.retryable,
    ...(error.status !== undefined && { status: error.status }),
    ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
    ...(providerId !== undefined && { providerId }),
    ...(model !== undefined && { model }),
    ...(error.providerCode !== undefined && { providerCode: error.providerCode }),
    ...(error.field !== undefined && { field: error.field }),
    ...(error.cause !== undefined && { cause: error.cause }),
  });
  // keep where it was thrown, not where it was copied
  if (error.stack !== undefined) copy.stack = error.stack;
  return copy;
}

function classify(error: unknown): ErrorCode {
  if (!(error instanceof Error)) return 'unknown';
  if (error.name === 'TimeoutError') return 'timeout';
  if (error.name === 'AbortError') {
    const reason = (error as { cause?: unknown }).cause;
    return reason instanceof Error && reason.name === 'TimeoutError' ? 'timeout' : 'cancelled';
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TIMEOUT_CODES.has(code)) return 'timeout';
    if (NETWORK_CODES.has(code)) return 'network';
    if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') return 'cancelled';
  }
  if (error instanceof SyntaxError) return 'parse';
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== error) {
    const inner = classify(cause);
    if (inner !== 'unknown') return inner;
  }
  return 'unknown';
}

function describe(code: ErrorCode, message: string): string {
  switch (code) {
    case 'cancelled':
      return 'The request was cancelled.';
    case 'timeout':
      return `The request timed out: ${message}`;
    case 'network':
      return `The connection to the provider failed: ${message}`;
    case 'parse':
      return `The provider's response could not be parsed: ${message}`;
    default:
      return message;
  }
}
