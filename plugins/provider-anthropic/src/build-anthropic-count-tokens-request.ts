import type { CompletionRequest } from '@hub/core';
import type { AnthropicCountTokensRequest } from './anthropic-wire-types.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';

// The body fields `POST /v1/messages/count_tokens` documents (API reference, "Count tokens in a
// Message", and its beta variant): the inputs of a Messages request. The endpoint rejects fields
// it does not know ("Extra inputs are not permitted"), so everything else a Messages body may
// carry (`max_tokens`, `temperature`, `top_p`, `top_k`, `stop_sequences`, `metadata`,
// `service_tier`, `stream`) is left out rather than sent
const COUNTED_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'thinking',
  'cache_control',
  'output_config',
  'output_format',
  'context_management',
  'mcp_servers',
  'speed',
]);

/**
 * Builds the body of `POST /v1/messages/count_tokens` from a unified request, without I/O, by
 * the same rules as the Messages request it counts for (`buildAnthropicRequest`): the lifted
 * `system` prompt with the JSON instruction of a `responseFormat`, merged turns, tools and
 * `tool_choice`, `thinking` from `reasoning`, and `providerParams.anthropic` merged last (a
 * `system` array with `cache_control`, `thinking`, …). Only the fields the endpoint documents are
 * kept, so a request that completes also counts.
 *
 * @throws ConnectorError `invalid_request` naming the field, as `buildAnthropicRequest` does.
 */
export function buildAnthropicCountTokensRequest(request: CompletionRequest): AnthropicCountTokensRequest {
  const messagesBody = buildAnthropicRequest(request, { stream: false });
  const body: AnthropicCountTokensRequest = { model: messagesBody.model, messages: messagesBody.messages };
  for (const field of Object.keys(messagesBody)) {
    if (COUNTED_FIELDS.has(field)) body[field] = messagesBody[field];
  }
  return body;
}
