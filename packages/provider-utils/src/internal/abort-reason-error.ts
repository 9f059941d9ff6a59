import { ConnectorError } from '@hub/core';

/**
 * The error for a call whose caller aborted it: the abort reason itself when it is a
 * `ConnectorError`, `timeout` when it is a `TimeoutError` (`AbortSignal.timeout`), else
 * `cancelled`.
 */
export function abortReasonError(reason: unknown, providerId: string): ConnectorError {
  if (ConnectorError.isInstance(reason)) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new ConnectorError('timeout', `The request was aborted by a timeout`, {
      providerId,
      cause: reason,
    });
  }
  return new ConnectorError('cancelled', `The request was cancelled`, {
    providerId,
    cause: reason,
  });
}
