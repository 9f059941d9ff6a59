import { abortError } from '../abort/abort-error.js';
import type { ConnectorError } from '../errors/connector-error.js';

/**
 * A provider reports any abort as `cancelled`; when the call's own deadline caused it, the
 * caller should see `timeout` instead.
 */
export function explainAbort(error: ConnectorError, signal: AbortSignal): ConnectorError {
  if (error.code !== 'cancelled' || !signal.aborted) return error;
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name === 'TimeoutError'
    ? abortError(signal, {
        ...(error.providerId !== undefined && { providerId: error.providerId }),
        ...(error.model !== undefined && { model: error.model }),
      })
    : error;
}
