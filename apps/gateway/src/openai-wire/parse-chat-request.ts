import {
  type AssistantMessage,
  type CompletionRequest,
  ConnectorError,
  type ImagePart,
  type Message,
  type ResponseFormat,
  type TextPart,
  type ToolChoice,
  type ToolDefinition,
} from '@hub/core';
import type { ChatCompletionBody, ChatRequestOptions } from './chat-request-types.js';

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

const invalid = (param: string, problem: string): ConnectorError =>
  new ConnectorError('invalid_request', `Invalid request: '${param}' ${problem}.`, { field: param });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns an OpenAI Chat Completions body into a unified request. Field errors name the OpenAI
 * parameter (`messages[2].content`), as OpenAI's own errors do.
 *
 * @param openAIProviders - provider ids that accept OpenAI's extra sampling fields.
 */
export function parseChatRequest(
  body: unknown,
  openAIProviders: readonly string[],
): { request: CompletionRequest; options: ChatRequestOptions } {
  if (!isRecord(body)) throw invalid('body', 'must be a JSON object');
  const chat = body as ChatCompletionBody;
  if (typeof chat.model !== 'string' || chat.model === '') throw invalid('model', 'is required');
  if (!Array.isArray(chat.messages) || chat.messages.length === 0)
    throw invalid('messages', 'must be a non-empty array');
  if (chat.n !== undefined && chat.n !== null && chat.n !== 1)
    throw invalid('n', 'other than 1 is not supported by the gateway');

  const request: Record<string, unknown> = {
    model: chat.model,
    messages: chat.messages.map((message, index) => parseMessage(message, `messages[${index}]`)),
  };
  copyNumber(chat.temperature, 'temperature', request, 'temperature');
  copyNumber(chat.top_p, 'top_p', request, 'topP');
  copyNumber(
    chat.max_completion_tokens ?? chat.max_tokens,
    chat.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens',
    request,
    'maxTokens',
  );
  copyNumber(chat.seed, 'seed', request, 'seed');
  if (chat.stop !== undefined && chat.stop !== null) {
    if (typeof chat.stop === 'string') request.stop = [chat.stop];
    else if (Array.isArray(chat.stop) && chat.stop.every((item) => typeof item === 'string'))
      request.stop = chat.stop;
    else throw invalid('stop', 'must be a string or an array of strings');
  }
  if (chat.tools !== undefined && chat.tools !== null) request.tools = parseTools(chat.tools);
  if (chat.tool_choice !== undefined && chat.tool_choice !== null)
    request.toolChoice = parseToolChoice(chat.tool_choice);
  if (chat.response_format !== undefined && chat.response_format !== null)
    request.responseFormat = parseResponseFormat(chat.response_format);
  if (chat.reasoning_effort !== undefined && chat.reasoning_effort !== null)
    request.reasoning = { effort: chat.reasoning_effort };
  if (typeof chat.user === 'string') request.user = chat.user;
  if (isRecord(chat.metadata)) request.metadata = chat.metadata;

  const passthrough: Record<string, unknown> = {};
  let hasPassthrough = false;
  for (const field of PASSTHROUGH_FIELDS) {
    if (chat[field] !== undefined) {
      passthrough[field] = chat[field];
      hasPassthrough = true;
    }
  }
  if (hasPassthrough) {
    request.providerParams = Object.fromEntries(
      openAIProviders.map((providerId) => [providerId, passthrough]),
    );
  }
  return {
    request: request as unknown as CompletionRequest,
    options: { stream: chat.stream === true, includeUsage: chat.stream_options?.include_usage === true },
  };
}

function copyNumber(value: unknown, param: string, target: Record<string, unknown>, field: string): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number') throw invalid(param, 'must be a number');
  target[field] = value;
}

function parseMessage(value: unknown, param: string): Message {
  if (!isRecord(value)) throw invalid(param, 'must be an object');
  switch (value.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: textOf(value.content, `${param}.content`) };
    case 'user':
      return {
        role: 'user',
        content:
          typeof value.content === 'string'
            ? value.content
            : parseUserParts(value.content, `${param}.content`),
        ...(typeof value.name === 'string' && { name: value.name }),
      };
    case 'assistant':
      return parseAssistant(value, param);
    case 'tool':
      if (typeof value.tool_call_id !== 'string') throw invalid(`${param}.tool_call_id`, 'is required');
      return {
        role: 'tool',
        toolCallId: value.tool_call_id,
        content: textOf(value.content, `${param}.content`),
      };
    default:
      throw invalid(`${param}.role`, 'must be one of system, developer, user, assistant, tool');
  }
}

function textOf(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    return content
      .map((part, index) => {
        if (!isRecord(part) || part.type !== 'text' || typeof part.text !== 'string')
          throw invalid(`${param}[${index}]`, 'must be a text part');
        return part.text;
      })
      .join('');
  }
  throw invalid(param, 'must be a string or an array of text parts');
}

function parseUserParts(content: unknown, param: string): (TextPart | ImagePart)[] {
  if (!Array.isArray(content)) throw invalid(param, 'must be a string or an array of content parts');
  return content.map((part, index): TextPart | ImagePart => {
    const partParam = `${param}[${index}]`;
    if (!isRecord(part)) throw invalid(partParam, 'must be an object');
    if (part.type === 'text' && typeof part.text === 'string') return { type: 'text', text: part.text };
    if (part.type === 'image_url' && isRecord(part.image_url) && typeof part.image_url.url === 'string') {
      const url = part.image_url.url;
      const detail = part.image_url.detail;
      const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
      const source = match
        ? { type: 'base64' as const, mediaType: match[1] as string, data: match[2] as string }
        : { type: 'url' as const, url };
      return {
        type: 'image',
        source,
        ...((detail === 'auto' || detail === 'low' || detail === 'high') && { detail }),
      };
    }
    throw invalid(`${partParam}.type`, 'must be text or image_url');
  });
}

function parseAssistant(value: Record<string, unknown>, param: string): AssistantMessage {
  const content = textOf(value.content, `${param}.content`);
  if (value.tool_calls === undefined || value.tool_calls === null) return { role: 'assistant', content };
  if (!Array.isArray(value.tool_calls)) throw invalid(`${param}.tool_calls`, 'must be an array');
  const toolCalls = value.tool_calls.map((call, index) => {
    const callParam = `${param}.tool_calls[${index}]`;
    if (
      !isRecord(call) ||
      typeof call.id !== 'string' ||
      !isRecord(call.function) ||
      typeof call.function.name !== 'string'
    ) {
      throw invalid(callParam, 'must be { id, type: "function", function: { name, arguments } }');
    }
    const args = call.function.arguments;
    return {
      id: call.id,
      name: call.function.name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    };
  });
  return { role: 'assistant', content, toolCalls };
}

function parseTools(value: unknown): ToolDefinition[] {
  if (!Array.isArray(value)) throw invalid('tools', 'must be an array');
  return value.map((tool, index) => {
    if (
      !isRecord(tool) ||
      tool.type !== 'function' ||
      !isRecord(tool.function) ||
      typeof tool.function.name !== 'string'
    ) {
      throw invalid(`tools[${index}]`, 'must be { type: "function", function: { name, parameters } }');
    }
    const fn = tool.function;
    return {
      name: fn.name as string,
      parameters: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
      ...(typeof fn.description === 'string' && { description: fn.description }),
      ...(typeof fn.strict === 'boolean' && { strict: fn.strict }),
    };
  });
}

function parseToolChoice(value: unknown): ToolChoice {
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  if (
    isRecord(value) &&
    value.type === 'function' &&
    isRecord(value.function) &&
    typeof value.function.name === 'string'
  ) {
    return { type: 'tool', name: value.function.name };
  }
  throw invalid(
    'tool_choice',
    'must be "auto", "none", "required" or { type: "function", function: { name } }',
  );
}

function parseResponseFormat(value: unknown): ResponseFormat {
  if (!isRecord(value)) throw invalid('response_format', 'must be an object');
  if (value.type === 'text') return { type: 'text' };
  if (value.type === 'json_object') return { type: 'json' };
  if (
    value.type === 'json_schema' &&
    isRecord(value.json_schema) &&
    typeof value.json_schema.name === 'string'
  ) {
    const schema = value.json_schema;
    return {
      type: 'json_schema',
      name: schema.name as string,
      schema: isRecord(schema.schema) ? schema.schema : {},
      ...(typeof schema.description === 'string' && { description: schema.description }),
      ...(typeof schema.strict === 'boolean' && { strict: schema.strict }),
    };
  }
  throw invalid('response_format.type', 'must be text, json_object or json_schema');
}
