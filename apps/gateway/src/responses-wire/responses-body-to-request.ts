import { type CompletionRequest, ConnectorError, type ResponseFormat, type ToolChoice } from '@hub/core';
import type { ResponsesBody } from './responses-body-schema.js';

// Responses fields without a unified equivalent, passed through to OpenAI-family providers under
// their Chat Completions names (what those providers speak), as the chat route does
const PASSTHROUGH_FIELDS = [
  'presence_penalty',
  'frequency_penalty',
  'service_tier',
  'prompt_cache_key',
] as const;

/**
 * The unified request of a validated Responses body, given the messages its `instructions` and
 * `input` became: sampling and output settings, tools (narrowed to `allowed_tools` when the tool
 * choice names some), tool choice, output format (`text.format`), reasoning effort, and the
 * Responses fields without a unified equivalent passed through to `openAIProviders` under their
 * Chat Completions names. Shared by `POST /v1/responses` and `POST /v1/responses/input_tokens`,
 * so a count is of the request a create call with the same body would send.
 *
 * @throws ConnectorError `invalid_request` naming `tool_choice.tools[i].name` for an allowed tool
 * that is not in `tools`.
 */
export function responsesBodyToRequest(
  body: ResponsesBody,
  messages: CompletionRequest['messages'],
  openAIProviders: readonly string[],
): CompletionRequest {
  const request: Record<string, unknown> = { model: body.model, messages };
  setIfPresent(request, 'temperature', body.temperature);
  setIfPresent(request, 'topP', body.top_p);
  setIfPresent(request, 'maxTokens', body.max_output_tokens);
  setIfPresent(request, 'parallelToolCalls', body.parallel_tool_calls);
  setIfPresent(request, 'user', body.user ?? body.safety_identifier);
  setIfPresent(request, 'metadata', body.metadata);
  if (body.tools !== undefined && body.tools !== null && body.tools.length > 0) {
    const choice = body.tool_choice;
    const allowed =
      typeof choice === 'object' && choice !== null && choice.type === 'allowed_tools'
        ? allowedNames(body.tools, choice.tools)
        : undefined;
    // allowed_tools is a hard constraint: tools outside it are not offered to the model at all
    const tools = allowed === undefined ? body.tools : body.tools.filter((tool) => allowed.has(tool.name));
    request.tools = tools.map((tool) => ({
      name: tool.name,
      parameters: tool.parameters ?? { type: 'object', properties: {} },
      ...(typeof tool.description === 'string' && { description: tool.description }),
      ...(typeof tool.strict === 'boolean' && { strict: tool.strict }),
    }));
  }
  if (body.tool_choice !== undefined && body.tool_choice !== null)
    request.toolChoice = toToolChoice(body.tool_choice);
  const format = body.text?.format;
  if (format !== undefined && format !== null) request.responseFormat = toResponseFormat(format);
  const effort = body.reasoning?.effort;
  if (effort !== undefined && effort !== null) request.reasoning = { effort };

  const passthrough: Record<string, unknown> = {};
  let hasPassthrough = false;
  for (const field of PASSTHROUGH_FIELDS) {
    const value = body[field];
    if (value !== undefined && value !== null) {
      passthrough[field] = value;
      hasPassthrough = true;
    }
  }
  const verbosity = body.text?.verbosity;
  if (verbosity !== undefined && verbosity !== null) {
    passthrough.verbosity = verbosity;
    hasPassthrough = true;
  }
  if (hasPassthrough && openAIProviders.length > 0) {
    request.providerParams = Object.fromEntries(
      openAIProviders.map((providerId) => [providerId, passthrough]),
    );
  }
  return request as unknown as CompletionRequest;
}

function setIfPresent(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== null) target[key] = value;
}

type Tools = NonNullable<ResponsesBody['tools']>;
type Choice = NonNullable<ResponsesBody['tool_choice']>;

function allowedNames(
  tools: Tools,
  allowed: Extract<Choice, { type: 'allowed_tools' }>['tools'],
): Set<string> {
  const defined = new Set(tools.map((tool) => tool.name));
  const names = new Set<string>();
  allowed.forEach((tool, index) => {
    if (!defined.has(tool.name)) {
      const field = `tool_choice.tools[${index}].name`;
      throw new ConnectorError(
        'invalid_request',
        `Invalid request: '${field}' names "${tool.name}", which is not in tools.`,
        { field },
      );
    }
    names.add(tool.name);
  });
  return names;
}

function toToolChoice(choice: Choice): ToolChoice {
  if (typeof choice === 'string') return choice;
  if (choice.type === 'function') return { type: 'tool', name: choice.name };
  return choice.mode ?? 'auto';
}

function toResponseFormat(format: NonNullable<NonNullable<ResponsesBody['text']>['format']>): ResponseFormat {
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json' };
  return {
    type: 'json_schema',
    name: format.name,
    schema: format.schema,
    ...(typeof format.description === 'string' && { description: format.description }),
    ...(typeof format.strict === 'boolean' && { strict: format.strict }),
  };
}
