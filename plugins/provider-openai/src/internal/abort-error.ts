import { ConnectorError } from '@hub/core';

/** The error an aborted wait rejects with: the reason itself when it is a `ConnectorError`. */
export function abortError(reason: unknown, providerId: string): ConnectorError {
  if (ConnectorError.isInstance(reason)) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new ConnectorError('timeout', `${providerId}: the call timed out`, { providerId, cause: reason });
  }
  return new ConnectorError('cancelled', `${providerId}: the call was cancelled`, {
    providerId,
    cause: reason,
  });
}
