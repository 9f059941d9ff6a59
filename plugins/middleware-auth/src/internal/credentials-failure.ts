import { ConnectorError, maskSecrets } from '@hub/core';

/**
 * Passes a `ConnectorError` from a credentials provider through (the built-in providers never put
 * secrets in theirs); wraps anything else as `authentication` with its message masked and
 * without its `cause`, since a custom provider's raw error may carry the secret it handled.
 */
export function credentialsFailure(error: unknown, providerId: string): ConnectorError {
  if (ConnectorError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError(
    'authentication',
    `Could not obtain credentials for provider "${providerId}": ${maskSecrets(message)}`,
    { providerId },
  );
}
