import {
  type CompletionRequest,
  ConnectorError,
  type ImagePart,
  type Message,
  type ResponseFormat,
  type TextPart,
  type ToolChoice,
  type ToolDefinition,
} from '@hub/core';
import { parseWithSchema } from '../wire/parse-with-schema.js';
import type { WireParseContext, WireRequest } from '../wire/wire-format.js';
import { type ChatCompletionBody, chatCompletionBodySchema } from './chat-completion-body-schema.js';
import { openAIFieldPath } from './openai-field-path.js';

// OpenAI sampling fields without a unified equivalent, passed through to OpenAI-family providers
const PASSTHROUGH_FIELDS = [
  'frequency_penalty',
  'presence_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'parallel_tool_calls',
  'service_tier',
  'prediction',
] as const;

/** A Chat Completions request as the gateway understood it. */
export interface ChatRequest extends WireRequest {
  /** `stream_options.include_usage`: send a usage chunk before `[DONE]`. */
  readonly includeUsage: boolean;
}

type ChatMessage = ChatCompletionBody['messages'][number];
type TextContent = Extract<ChatMessage, { role: 'system' }>['content'];

/**
 * Turns an OpenAI Chat Completions body into a unified request. Every field is type-checked
 * (`chatCompletionBodySchema`) and errors name the OpenAI parameter (`messages[2].content`), as
 * OpenAI's own errors do.
 *
 * @throws ConnectorError `invalid_request` naming `param`; 413 for a size bound.
 */
export function parseChatRequest(
  body: unknown,
  context: Pick<WireParseContext, 'openAIProviders'>,
): ChatRequest {
  const chat = parseWithSchema(chatCompletionBodySchema, body, openAIFieldPath);
  if (chat.n !== undefined && chat.n !== null && chat.n !== 1) {
    throw new ConnectorError(
      'invalid_request',
      "Invalid request: 'n' other than 1 is not supported by the gateway.",
      {
        field: 'n',
      },
    );
  }
  const request: Record<string, unknown> = {
    model: chat.model,
    messages: chat.messages.map(toMessage),
  };
  setIfPresent(request, 'temperature', chat.temperature);
  setIfPresent(request, 'topP', chat.top_p);
  setIfPresent(request, 'maxTokens', chat.max_completion_tokens ?? chat.max_tokens);
  setIfPresent(request, 'seed', chat.seed);
  if (chat.stop !== undefined && chat.stop !== null)
    request.stop = typeof chat.stop === 'string' ? [chat.stop] : chat.stop;
  if (chat.tools !== undefined && chat.tools !== null) request.tools = chat.tools.map(toToolDefinition);
  if (chat.tool_choice !== undefined && chat.tool_choice !== null)
    request.toolChoice = toToolChoice(chat.tool_choice);
  if (chat.response_format !== undefined && chat.response_format !== null)
    request.responseFormat = toResponseFormat(chat.response_format);
  if (chat.reasoning_effort !== undefined && chat.reasoning_effort !== null)
    request.reasoning = { effort: chat.reasoning_effort };
  setIfPresent(request, 'user', chat.user);
  setIfPresent(request, 'metadata', chat.metadata);

  const passthrough: Record<string, unknown> = {};
  let hasPassthrough = false;
  for (const field of PASSTHROUGH_FIELDS) {
    const value = chat[field];
    if (value !== undefined && value !== null) {
      passthrough[field] = value;
      hasPassthrough = true;
    }
  }
  if (hasPassthrough && context.openAIProviders.length > 0) {
    request.providerParams = Object.fromEntries(
      context.openAIProviders.map((providerId) => [providerId, passthrough]),
    );
  }
  return {
    request: request as unknown as CompletionRequest,
    stream: chat.stream === true,
    includeUsage: chat.stream_options?.include_usage === true,
  };
}

function setIfPresent(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== null) target[key] = value;
}

function toMessage(message: ChatMessage): Message {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: textOf(message.content) };
    case 'user':
      return {
        role: 'user',
        content: typeof message.content === 'string' ? message.content : message.content.map(toUserPart),
        ...(typeof message.name === 'string' && { name: message.name }),
      };
    case 'assistant': {
      const content =
        typeof message.content === 'string' || message.content === undefined || message.content === null
          ? (message.content ?? '')
          : message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      if (message.tool_calls === undefined || message.tool_calls === null)
        return { role: 'assistant', content };
      return {
        role: 'assistant',
        content,
        toolCalls: message.tool_calls.map((call) => {
          const args = call.function.arguments;
          return {
            id: call.id,
            name: call.function.name,
            // depth is bounded at parse time, so this stringify cannot overflow the stack
            arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
          };
        }),
      };
    }
    case 'tool':
      return { role: 'tool', toolCallId: message.tool_call_id, content: textOf(message.content) };
  }
}

function textOf(content: TextContent): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text).join('');
}

type UserPart = Exclude<Extract<ChatMessage, { role: 'user' }>['content'], string>[number];

function toUserPart(part: UserPart): TextPart | ImagePart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const { url, detail } = part.image_url;
  const match = /^data:([^;,]+);base64,/.exec(url);
  const source = match
    ? { type: 'base64' as const, mediaType: match[1] as string, data: url.slice(match[0].length) }
    : { type: 'url' as const, url };
  return { type: 'image', source, ...(detail !== undefined && detail !== null && { detail }) };
}

function toToolDefinition(tool: NonNullable<ChatCompletionBody['tools']>[number]): ToolDefinition {
  const fn = tool.function;
  return {
    name: fn.name,
    parameters: fn.parameters ?? { type: 'object', properties: {} },
    ...(typeof fn.description === 'string' && { description: fn.description }),
    ...(typeof fn.strict === 'boolean' && { strict: fn.strict }),
  };
}

function toToolChoice(choice: NonNullable<ChatCompletionBody['tool_choice']>): ToolChoice {
  return typeof choice === 'string' ? choice : { type: 'tool', name: choice.function.name };
}

function toResponseFormat(format: NonNullable<ChatCompletionBody['response_format']>): ResponseFormat {
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json' };
  const schema = format.json_schema;
  return {
    type: 'json_schema',
    name: schema.name,
    schema: schema.schema ?? {},
    ...(typeof schema.description === 'string' && { description: schema.description }),
    ...(typeof schema.strict === 'boolean' && { strict: schema.strict }),
  };
}
