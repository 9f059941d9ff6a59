import { ConnectorError } from '@hub/core';
import { BEDROCK_PROVIDER_ID } from '../bedrock-config.js';

/**
 * The error for an aborted signal: the reason itself when it is a `ConnectorError` (a deadline),
 * `timeout` for a `TimeoutError`, `cancelled` otherwise.
 */
export function abortError(reason: unknown): ConnectorError {
  if (ConnectorError.isInstance(reason)) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new ConnectorError('timeout', `${BEDROCK_PROVIDER_ID}: the request timed out`, {
      providerId: BEDROCK_PROVIDER_ID,
    });
  }
  return new ConnectorError('cancelled', `${BEDROCK_PROVIDER_ID}: the request was cancelled`, {
    providerId: BEDROCK_PROVIDER_ID,
    cause: reason,
  });
}
