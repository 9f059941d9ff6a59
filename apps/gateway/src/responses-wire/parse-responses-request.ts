import { type CompletionRequest, ConnectorError, type ResponseFormat, type ToolChoice } from '@hub/core';
import { openAIFieldPath } from '../openai-wire/openai-field-path.js';
import { parseWithSchema } from '../wire/parse-with-schema.js';
import type { WireParseContext, WireRequest } from '../wire/wire-format.js';
import type { ConversationItem } from './conversation-item.js';
import { itemsToMessages } from './items-to-messages.js';
import { type InputEntry, normalizeInput } from './normalize-input.js';
import { newResponseIds, type ResponseIds } from './response-ids.js';
import { type ResponseSettings, toResponseSettings } from './response-settings.js';
import { type ResponsesBody, responsesBodySchema } from './responses-body-schema.js';

// Responses fields without a unified equivalent, passed through to OpenAI-family providers under
// their Chat Completions names (what those providers speak), as the chat route does
const PASSTHROUGH_FIELDS = [
  'presence_penalty',
  'frequency_penalty',
  'service_tier',
  'prompt_cache_key',
] as const;

/** The conversation a request continues, once `resolve` loaded it. */
export interface ResolvedConversation {
  /** Items of the earlier responses of the conversation, oldest first: their inputs and outputs. */
  readonly context: readonly ConversationItem[];
  /** The request's own input, references replaced by the items they name. */
  readonly input: readonly ConversationItem[];
  /** Ids of the earlier responses of the conversation, oldest first (empty without one). */
  readonly ancestors: readonly string[];
}

/** A Responses request as the gateway understood it. */
export interface ResponsesRequest extends WireRequest {
  readonly ids: ResponseIds;
  /** Unix seconds. */
  readonly createdAt: number;
  /** What the response echoes. */
  readonly settings: ResponseSettings;
  readonly instructions: string | null;
  /** The input as sent, normalized; references unresolved. */
  readonly input: readonly InputEntry[];
  readonly previousResponseId: string | null;
  /** Whether to keep the response (`store`, default true). */
  readonly store: boolean;
  /** Set by `resolve`; undefined before. */
  readonly conversation: ResolvedConversation | undefined;
}

/**
 * Turns a Responses API body into a unified request. Every field is type-checked; errors name
 * the field as OpenAI does (`input[2].content[0].image_url`). The unified request's messages are
 * `instructions`, then the input items; a request that continues a conversation
 * (`previous_response_id`) or references stored items gets its full messages from `resolve`.
 *
 * @throws ConnectorError `invalid_request` naming the field; 413 for a size bound.
 */
export function parseResponsesRequest(
  body: unknown,
  context: Pick<WireParseContext, 'openAIProviders'>,
  now: () => number = Date.now,
): ResponsesRequest {
  const parsed = parseWithSchema(responsesBodySchema, body, openAIFieldPath);
  const ids = newResponseIds();
  const input = normalizeInput(parsed.input, ids.token);
  const previousResponseId = parsed.previous_response_id ?? null;
  if (input.length === 0 && previousResponseId === null) {
    throw new ConnectorError(
      'invalid_request',
      "Invalid request: 'input' is required (a string or a non-empty array of items) unless previous_response_id is given.",
      { field: 'input' },
    );
  }
  const instructions = parsed.instructions ?? null;
  const items: ConversationItem[] = [];
  for (const entry of input) if ('item' in entry) items.push(entry.item);
  const store = parsed.store ?? true;
  return {
    request: toCompletionRequest(parsed, itemsToMessages(instructions, items), context.openAIProviders),
    stream: parsed.stream === true,
    ids,
    createdAt: Math.floor(now() / 1000),
    settings: toResponseSettings(parsed, store),
    instructions,
    input,
    previousResponseId,
    store,
    conversation: undefined,
  };
}

function toCompletionRequest(
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
