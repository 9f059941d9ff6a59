import type { CompletionRequest, TokenCount } from '@hub/core';
import type { HubCallRoute } from '../server/hub-call-route.js';
import { parseCountTokensRequest } from './parse-messages-request.js';
import { toAnthropicError } from './to-anthropic-error.js';

/**
 * `POST /v1/messages/count_tokens`: Anthropic's token counting over `hub.countTokens`, for any
 * route or `provider/model`. The body follows the `/v1/messages` rules without `max_tokens`; the
 * answer is `{"input_tokens": N}` — the provider's exact count where it has a counting API, the
 * hub's estimate otherwise (never 0). Errors use Anthropic's shape.
 */
export const anthropicCountTokensRoute: HubCallRoute<CompletionRequest, TokenCount> = {
  name: 'anthropic-count-tokens',
  path: '/v1/messages/count_tokens',
  parse: parseCountTokensRequest,
  modelOf: (request) => request.model,
  operation: 'count-tokens',
  requestOf: (request) => request,
  call: (hub, request, options) => hub.countTokens(request, options),
  toResponse: (count) => ({ input_tokens: count.inputTokens }),
  toErrorReply: toAnthropicError,
};
