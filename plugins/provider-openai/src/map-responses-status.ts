import { ConnectorError, type FinishReason, maskSecrets } from '@hub/core';
import { mapOpenAIError } from './map-openai-error.js';
import type { ResponsesResponse } from './responses-wire-types.js';

/**
 * Why an incomplete response stopped (`incomplete_details.reason`): `max_output_tokens` (also the
 * `max_tokens` older examples show) → `length`, `content_filter` → `content_filter`, else `other`.
 */
export function incompleteFinishReason(response: ResponsesResponse): FinishReason {
  switch (response.incomplete_details?.reason) {
    case 'max_output_tokens':
    case 'max_tokens':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'other';
  }
}

/**
 * The error of a response that failed after it started (`status: "failed"` in a body, or a
 * `response.failed` event): classified by its `error.code` like an error event
 * (`server_error` → `provider`, `rate_limit_exceeded` → `rate_limit`, `invalid_prompt` →
 * `invalid_request`).
 */
export function failedResponseError(
  response: ResponsesResponse,
  providerId: string,
  model: string,
): ConnectorError {
  const error = response.error;
  if (error === null || error === undefined) {
    return new ConnectorError('provider', 'The response failed without saying why.', { providerId, model });
  }
  // classified like an error event; the message says the response failed, wherever it was read
  const mapped = mapOpenAIError({ providerId, bodyJson: { error } });
  const message = `The response failed: ${error.message ?? 'no message'}`.slice(0, MAX_MESSAGE);
  return new ConnectorError(mapped.code, maskSecrets(message), {
    providerId,
    model,
    ...(mapped.providerCode !== undefined && { providerCode: mapped.providerCode }),
  });
}

const MAX_MESSAGE = 500;
