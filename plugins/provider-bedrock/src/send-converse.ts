import { randomUUID } from 'node:crypto';
import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConnectorError,
  throwIfAborted,
} from '@hub/core';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import type { ConverseResponse } from './bedrock-wire-types.js';
import { buildConverseRequest } from './build-converse-request.js';
import type { BedrockTransport } from './internal/bedrock-transport.js';
import { mapConverseResponse } from './map-converse-response.js';
import { modelPath } from './model-path.js';
import { serializeRequestBody } from './serialize-request-body.js';

function isConverseResponse(body: unknown): body is ConverseResponse {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * One completion through the Converse API: `POST /model/{modelId}/converse` with the body of
 * `buildConverseRequest`, mapped by `mapConverseResponse`; the response id is the
 * `x-amzn-requestid` header. One deadline covers fetching credentials and the whole exchange.
 *
 * @throws ConnectorError `invalid_request` before any I/O for a request Bedrock cannot take;
 *   `parse` for a 2xx body that is no Converse response; the classified error of a failed call.
 */
export async function sendConverse(
  runtime: BedrockTransport,
  request: CompletionRequest,
  options: CallOptions = {},
): Promise<CompletionResponse> {
  const { model } = request;
  throwIfAborted(options.signal, { providerId: BEDROCK_PROVIDER_ID, model });
  const body = serializeRequestBody(buildConverseRequest(request), model);
  const call = runtime.startCall(options);
  try {
    const response = await runtime.postJson<unknown>(modelPath(model, 'converse'), body, call);
    if (!isConverseResponse(response.body)) {
      throw new ConnectorError('parse', 'The response is not a Converse response.', {
        providerId: BEDROCK_PROVIDER_ID,
        model,
        status: response.status,
      });
    }
    return mapConverseResponse(response.body, {
      requestId: response.headers['x-amzn-requestid'] ?? `bedrock-${randomUUID()}`,
      model,
    });
  } finally {
    call.deadline.dispose();
  }
}
