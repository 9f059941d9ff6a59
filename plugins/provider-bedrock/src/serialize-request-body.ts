import { ConnectorError } from '@hub/core';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';

/**
 * A request body as the exact text to sign and send, serialized once. The builders bound every
 * nested value's depth first; whatever else JSON cannot hold (a BigInt in `providerParams`) is
 * still the request's fault, not a server error.
 *
 * @throws ConnectorError `invalid_request` when the body cannot be serialized as JSON.
 */
export function serializeRequestBody(body: unknown, model: string): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new ConnectorError('invalid_request', 'The request cannot be serialized as JSON.', {
      providerId: BEDROCK_PROVIDER_ID,
      model,
      cause: error,
    });
  }
}
