import { ConnectorError } from '@hub/core';
import { redactSecretPatterns } from '../redact-secret-patterns.js';
import { redactSecrets } from '../redact-secrets.js';

/**
 * Returns the error unchanged when its message holds no credential, otherwise an equivalent
 * error with the credentials masked. A new error is built rather than `message` reassigned,
 * because the stack trace already captured the original message.
 */
export function sanitizeError(error: ConnectorError, secrets: readonly string[]): ConnectorError {
  const message = redactSecretPatterns(redactSecrets(error.message, secrets));
  if (message === error.message) return error;
  return new ConnectorError(error.code, message, {
    retryable: error.retryable,
    ...(error.status !== undefined && { status: error.status }),
    ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
    ...(error.providerId !== undefined && { providerId: error.providerId }),
    ...(error.model !== undefined && { model: error.model }),
    ...(error.providerCode !== undefined && { providerCode: redactSecrets(error.providerCode, secrets) }),
    ...(error.field !== undefined && { field: error.field }),
    ...(error.cause !== undefined && { cause: error.cause }),
  });
}
