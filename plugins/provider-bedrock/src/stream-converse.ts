import { type CallOptions, type CompletionRequest, type StreamChunk, throwIfAborted } from '@hub/core';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import { buildConverseRequest } from './build-converse-request.js';
import { decodeEventStream } from './decode-event-stream.js';
import type { BedrockTransport } from './internal/bedrock-transport.js';
import { mapConverseStreamEvents } from './map-converse-stream-events.js';
import { modelPath } from './model-path.js';
import { serializeRequestBody } from './serialize-request-body.js';

/**
 * One streamed completion through ConverseStream: `POST /model/{modelId}/converse-stream`, its
 * binary event stream decoded (`decodeEventStream`) and mapped to chunks
 * (`mapConverseStreamEvents`). A generator, so nothing is sent until iteration starts; one
 * deadline covers fetching credentials, the exchange and the whole stream. Stopping iteration
 * (or aborting) closes the connection.
 */
export async function* streamConverse(
  runtime: BedrockTransport,
  request: CompletionRequest,
  options: CallOptions = {},
): AsyncGenerator<StreamChunk, void, undefined> {
  const { model } = request;
  throwIfAborted(options.signal, { providerId: BEDROCK_PROVIDER_ID, model });
  const body = serializeRequestBody(buildConverseRequest(request), model);
  const call = runtime.startCall(options);
  try {
    const response = await runtime.postEventStream(modelPath(model, 'converse-stream'), body, call);
    const requestId = response.headers['x-amzn-requestid'];
    yield* mapConverseStreamEvents(decodeEventStream(response.body), {
      model,
      secrets: runtime.secrets(),
      ...(requestId !== undefined && { requestId }),
    });
  } finally {
    call.deadline.dispose();
  }
}
