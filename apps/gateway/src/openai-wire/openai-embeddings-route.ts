import type { EmbeddingResponse } from '@hub/core';
import type { HubCallRoute } from '../server/hub-call-route.js';
import { type EmbeddingsRequest, parseEmbeddingsRequest } from './parse-embeddings-request.js';
import { toEmbeddingsResponse } from './to-embeddings-response.js';
import { toOpenAIError } from './to-openai-error.js';

/**
 * `POST /v1/embeddings`: OpenAI's Embeddings API over `hub.embed`, for any route or
 * `provider/model` whose provider embeds. Vectors come back as JSON numbers or, with
 * `encoding_format: "base64"` (what the official SDKs ask for by default), as base64 of
 * little-endian float32. Errors use OpenAI's shape.
 */
export const openAIEmbeddingsRoute: HubCallRoute<EmbeddingsRequest, EmbeddingResponse> = {
  name: 'openai-embeddings',
  path: '/v1/embeddings',
  parse: parseEmbeddingsRequest,
  modelOf: (parsed) => parsed.request.model,
  operation: 'embed',
  requestOf: (parsed) => parsed.request,
  call: (hub, parsed, options) => hub.embed(parsed.request, options),
  toResponse: toEmbeddingsResponse,
  toErrorReply: toOpenAIError,
};
