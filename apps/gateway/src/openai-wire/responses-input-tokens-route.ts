import type { CompletionRequest, TokenCount } from '@hub/core';
import type { HubCallRoute } from '../server/hub-call-route.js';
import { parseInputTokensRequest } from './parse-input-tokens-request.js';
import { toOpenAIError } from './to-openai-error.js';

/**
 * `POST /v1/responses/input_tokens`: OpenAI's input token count of a Responses request, over
 * `hub.countTokens`, for any route or `provider/model`. The answer is
 * `{"object":"response.input_tokens","input_tokens":N}` — the provider's exact count where it
 * has a counting API, the hub's estimate otherwise (never 0). Errors use OpenAI's shape.
 */
export const responsesInputTokensRoute: HubCallRoute<CompletionRequest, TokenCount> = {
  name: 'openai-responses-input-tokens',
  path: '/v1/responses/input_tokens',
  parse: parseInputTokensRequest,
  modelOf: (request) => request.model,
  operation: 'count-tokens',
  requestOf: (request) => request,
  call: (hub, request, options) => hub.countTokens(request, options),
  toResponse: (count) => ({ object: 'response.input_tokens', input_tokens: count.inputTokens }),
  toErrorReply: toOpenAIError,
};
