import { ConnectorError } from '@hub/core';

/**
 * Awaits `promise`, expecting it to reject with a `ConnectorError`, and returns that error for
 * assertions. Anything else it rejects with is rethrown; fulfilment is an error.
 */
export async function catchConnectorError(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
