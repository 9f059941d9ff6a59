import { ConnectorError } from '@hub/core';

/**
 * The error to reject with when `signal` aborted: its reason when that is a `ConnectorError`,
 * `timeout` when the reason is a `TimeoutError` (`AbortSignal.timeout`), else `cancelled`.
 */
export function abortError(signal: AbortSignal, providerId: string): ConnectorError {
  const reason: unknown = signal.reason;
  if (ConnectorError.isInstance(reason)) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new ConnectorError('timeout', `${providerId}: the call timed out`, { providerId });
  }
  return new ConnectorError('cancelled', `${providerId}: the call was cancelled`, { providerId });
}
