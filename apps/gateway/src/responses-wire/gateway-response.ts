import type { ConversationItem } from './conversation-item.js';
import type { ResponseResource } from './open-responses-schemas.js';
import type { ResponsesRequest } from './parse-responses-request.js';

/** A `ResponseResource` as the gateway builds it: its output holds conversation items. */
export type GatewayResponse = Omit<ResponseResource, 'output'> & { output: ConversationItem[] };

/** The parts of a response that change while it runs; the rest comes from the request. */
export type ResponseState = Pick<
  GatewayResponse,
  'status' | 'completed_at' | 'incomplete_details' | 'model' | 'output' | 'error' | 'usage'
>;

/** A complete `ResponseResource`, fields in the spec's order, from the request and its state. */
export function buildResponse(parsed: ResponsesRequest, state: ResponseState): GatewayResponse {
  const { settings } = parsed;
  return {
    id: parsed.ids.responseId,
    object: 'response',
    created_at: parsed.createdAt,
    completed_at: state.completed_at,
    status: state.status,
    incomplete_details: state.incomplete_details,
    model: state.model,
    previous_response_id: parsed.previousResponseId,
    instructions: settings.instructions,
    output: state.output,
    error: state.error,
    tools: settings.tools,
    tool_choice: settings.tool_choice,
    truncation: settings.truncation,
    parallel_tool_calls: settings.parallel_tool_calls,
    text: settings.text,
    top_p: settings.top_p,
    presence_penalty: settings.presence_penalty,
    frequency_penalty: settings.frequency_penalty,
    top_logprobs: settings.top_logprobs,
    temperature: settings.temperature,
    reasoning: settings.reasoning,
    usage: state.usage,
    max_output_tokens: settings.max_output_tokens,
    max_tool_calls: settings.max_tool_calls,
    store: settings.store,
    background: settings.background,
    service_tier: settings.service_tier,
    metadata: settings.metadata,
    safety_identifier: settings.safety_identifier,
    prompt_cache_key: settings.prompt_cache_key,
  };
}
