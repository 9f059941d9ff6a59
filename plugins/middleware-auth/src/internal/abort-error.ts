import { ConnectorError } from '@hub/core';

/** The `ConnectorError` for an aborted wait: `timeout` when the reason is a timeout, else `cancelled`. */
export function abortError(signal: AbortSignal): ConnectorError {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new ConnectorError('timeout', 'Waiting for credentials timed out.', { cause: reason });
  }
  return new ConnectorError('cancelled', 'The request was cancelled.', { cause: reason });
}
