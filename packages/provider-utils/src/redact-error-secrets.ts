import { ConnectorError } from '@hub/core';
import { redactSecrets } from './redact-secrets.js';

/**
 * Returns `error` unchanged when its message holds none of `secrets`, otherwise an equivalent
 * error with them masked. For credentials the HTTP client does not know (tokens fetched per call).
 */
export function redactErrorSecrets(error: ConnectorError, secrets: readonly string[]): ConnectorError {
  const message = redactSecrets(error.message, secrets);
  const providerCode =
    error.providerCode === undefined ? undefined : redactSecrets(error.providerCode, secrets);
  if (message === error.message && providerCode === error.providerCode) return error;
  return new ConnectorError(error.code, message, {
    retryable: error.retryable,
    ...(error.status !== undefined && { status: error.status }),
    ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
    ...(error.providerId !== undefined && { providerId: error.providerId }),
    ...(error.model !== undefined && { model: error.model }),
    ...(providerCode !== undefined && { providerCode }),
    ...(error.field !== undefined && { field: error.field }),
    ...(error.cause !== undefined && { cause: error.cause }),
  });
}
