import { ConnectorError } from '@hub/core';

/**
 * The error for input this adapter cannot carry to the hub, raised before any middleware or I/O:
 * `invalid_request` (as the hub's own validation raises) whose `field` is the dotted path in the
 * AI SDK call (`prompt.2.content.1`, `providerOptions.hub.timeoutMs`).
 */
export function invalidArgument(field: string, problem: string): ConnectorError {
  return new ConnectorError('invalid_request', `Invalid AI SDK call: ${field} ${problem}.`, { field });
}
