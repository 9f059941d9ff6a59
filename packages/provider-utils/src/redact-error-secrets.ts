import { ConnectorError, maskSecrets } from '@hub/core';

/**
 * The same error with every credential masked from its message and provider code: the known
 * `secrets` verbatim (the configured API key, a signing secret) and anything shaped like one
 * (core's `maskSecrets`, the project's one masking policy). Returns `error` itself when nothing
 * changed. For errors a provider builds from text it did not write (a response body, a socket
 * error naming a URL).
 */
export function redactErrorSecrets(error: ConnectorError, secrets: readonly string[] = []): ConnectorError {
  const message = maskSecrets(error.message, secrets);
  const providerCode =
    error.providerCode === undefined ? undefined : maskSecrets(error.providerCode, secrets);
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
