import type { ResponseResource } from './open-responses-schemas.js';
import type { ResponsesBody } from './responses-body-schema.js';

/** The request settings a `ResponseResource` echoes (every field the spec requires). */
export type ResponseSettings = Pick<
  ResponseResource,
  | 'instructions'
  | 'tools'
  | 'tool_choice'
  | 'truncation'
  | 'parallel_tool_calls'
  | 'text'
  | 'top_p'
  | 'presence_penalty'
  | 'frequency_penalty'
  | 'top_logprobs'
  | 'temperature'
  | 'reasoning'
  | 'max_output_tokens'
  | 'max_tool_calls'
  | 'store'
  | 'background'
  | 'service_tier'
  | 'metadata'
  | 'safety_identifier'
  | 'prompt_cache_key'
>;

/**
 * The settings of a request as its response echoes them. Unset numbers read as the defaults
 * providers apply (temperature and top_p 1, penalties 0), since the spec requires a number;
 * `truncation` reads `disabled` unless asked otherwise (the gateway never truncates input), and
 * a `json_schema` format echoes `schema: null`, the only value the spec's `ResponseResource`
 * allows there.
 */
export function toResponseSettings(body: ResponsesBody, store: boolean): ResponseSettings {
  return {
    instructions: body.instructions ?? null,
    tools: (body.tools ?? []).map((tool) => ({
      type: 'function',
      name: tool.name,
      description: tool.description ?? null,
      parameters: tool.parameters ?? null,
      strict: tool.strict ?? null,
    })),
    tool_choice: toolChoiceOf(body.tool_choice),
    truncation: body.truncation ?? 'disabled',
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    text: textOf(body.text),
    top_p: body.top_p ?? 1,
    presence_penalty: body.presence_penalty ?? 0,
    frequency_penalty: body.frequency_penalty ?? 0,
    top_logprobs: body.top_logprobs ?? 0,
    temperature: body.temperature ?? 1,
    reasoning:
      body.reasoning === undefined || body.reasoning === null
        ? null
        : {
            // "minimal" is OpenAI's value, outside the spec's enum: echoed as the client sent it
            effort: (body.reasoning.effort ?? null) as NonNullable<ResponseResource['reasoning']>['effort'],
            summary: body.reasoning.summary ?? null,
          },
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    store,
    background: false,
    service_tier: body.service_tier ?? 'default',
    metadata: body.metadata ?? {},
    safety_identifier: body.safety_identifier ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
  };
}

function toolChoiceOf(choice: ResponsesBody['tool_choice']): ResponseResource['tool_choice'] {
  if (choice === undefined || choice === null) return 'auto';
  if (typeof choice === 'string') return choice;
  if (choice.type === 'function') return { type: 'function', name: choice.name };
  return {
    type: 'allowed_tools',
    tools: choice.tools.map((tool) => ({ type: 'function' as const, name: tool.name })),
    mode: choice.mode ?? 'auto',
  };
}

function textOf(text: ResponsesBody['text']): ResponseResource['text'] {
  const format = text?.format;
  const verbosity = text?.verbosity;
  const echoed: ResponseResource['text']['format'] =
    format === undefined || format === null || format.type === 'text'
      ? { type: 'text' }
      : format.type === 'json_object'
        ? { type: 'json_object' }
        : {
            type: 'json_schema',
            name: format.name,
            description: format.description ?? null,
            schema: null,
            strict: format.strict ?? false,
          };
  return { format: echoed, ...(verbosity !== undefined && verbosity !== null && { verbosity }) };
}
