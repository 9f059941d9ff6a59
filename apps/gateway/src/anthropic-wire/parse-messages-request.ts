import type {
  CompletionRequest,
  ImagePart,
  Message,
  ReasoningPart,
  TextPart,
  ToolCall,
  ToolChoice,
} from '@hub/core';
import { parseWithSchema } from '../wire/parse-with-schema.js';
import type { WireRequest } from '../wire/wire-format.js';
import { anthropicFieldPath } from './anthropic-field-path.js';
import {
  type CountTokensBody,
  countTokensBodySchema,
  type MessagesBody,
  messagesBodySchema,
} from './messages-body-schema.js';

type UserContent = Extract<MessagesBody['messages'][number], { role: 'user' }>['content'];
type AssistantContent = Extract<MessagesBody['messages'][number], { role: 'assistant' }>['content'];

/**
 * Turns an Anthropic Messages API body into a unified request. Every field is type-checked
 * (`messagesBodySchema`); errors name the Anthropic field (`messages.1.content.0.tool_use_id`),
 * in the dotted form Anthropic's own errors use. A user turn's `tool_result` blocks become
 * `tool` messages in their order (text and images of the same turn follow as a user message);
 * an assistant turn's `tool_use` blocks become its `toolCalls` with the input as JSON text.
 *
 * @throws ConnectorError `invalid_request` naming the field; 413 for a size bound.
 */
export function parseMessagesRequest(body: unknown): WireRequest {
  const input = parseWithSchema(messagesBodySchema, body, anthropicFieldPath);
  return { request: toUnifiedRequest(input), stream: input.stream === true };
}

/**
 * Turns a `POST /v1/messages/count_tokens` body into the unified request to count: the same
 * rules as `parseMessagesRequest`, without `max_tokens`.
 *
 * @throws ConnectorError `invalid_request` naming the field; 413 for a size bound.
 */
export function parseCountTokensRequest(body: unknown): CompletionRequest {
  return toUnifiedRequest(parseWithSchema(countTokensBodySchema, body, anthropicFieldPath));
}

function toUnifiedRequest(input: CountTokensBody & { readonly max_tokens?: number }): CompletionRequest {
  const messages: Message[] = systemMessages(input.system);
  for (const message of input.messages) {
    if (message.role === 'user') appendUser(messages, message.content);
    else messages.push(toAssistant(message.content));
  }
  const request: Record<string, unknown> = { model: input.model, messages };
  if (input.max_tokens !== undefined) request.maxTokens = input.max_tokens;
  if (input.temperature !== undefined && input.temperature !== null) request.temperature = input.temperature;
  if (input.top_p !== undefined && input.top_p !== null) request.topP = input.top_p;
  if (input.stop_sequences !== undefined && input.stop_sequences !== null && input.stop_sequences.length > 0)
    request.stop = input.stop_sequences;
  if (input.tools !== undefined && input.tools !== null) {
    request.tools = input.tools.map((tool) => ({
      name: tool.name,
      parameters: tool.input_schema,
      ...(typeof tool.description === 'string' && { description: tool.description }),
    }));
  }
  if (input.tool_choice !== undefined && input.tool_choice !== null)
    request.toolChoice = toToolChoice(input.tool_choice);
  if (input.thinking?.type === 'enabled') request.reasoning = { budgetTokens: input.thinking.budget_tokens };
  if (typeof input.metadata?.user_id === 'string') request.user = input.metadata.user_id;
  return request as unknown as CompletionRequest;
}

function systemMessages(system: MessagesBody['system']): Message[] {
  if (system === undefined || system === null) return [];
  if (typeof system === 'string') return system === '' ? [] : [{ role: 'system', content: system }];
  // one system message per block keeps the blocks' boundaries for providers that have several
  return system.map((block): Message => ({ role: 'system', content: block.text }));
}

function appendUser(messages: Message[], content: UserContent): void {
  if (typeof content === 'string') {
    messages.push({ role: 'user', content });
    return;
  }
  let parts: (TextPart | ImagePart)[] = [];
  const flush = (): void => {
    if (parts.length > 0) messages.push({ role: 'user', content: parts });
    parts = [];
  };
  for (const block of content) {
    switch (block.type) {
      case 'text':
        parts.push({ type: 'text', text: block.text });
        break;
      case 'image':
        parts.push({
          type: 'image',
          source:
            block.source.type === 'base64'
              ? { type: 'base64', mediaType: block.source.media_type, data: block.source.data }
              : { type: 'url', url: block.source.url },
        });
        break;
      case 'tool_result':
        // results answer the previous assistant turn, so anything said before them goes first
        flush();
        messages.push({
          role: 'tool',
          toolCallId: block.tool_use_id,
          content:
            typeof block.content === 'string'
              ? block.content
              : (block.content ?? []).map((text) => text.text).join(''),
          ...(block.is_error === true && { isError: true }),
        });
        break;
    }
  }
  flush();
}

function toAssistant(content: AssistantContent): Message {
  if (typeof content === 'string') return { role: 'assistant', content };
  const parts: (TextPart | ReasoningPart)[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of content) {
    switch (block.type) {
      case 'text':
        parts.push({ type: 'text', text: block.text });
        break;
      case 'thinking':
        parts.push({
          type: 'reasoning',
          text: block.thinking,
          ...(typeof block.signature === 'string' && { signature: block.signature }),
        });
        break;
      case 'redacted_thinking':
        parts.push({ type: 'reasoning', text: '', signature: block.data, redacted: true });
        break;
      case 'tool_use':
        // depth is bounded at parse time, so this stringify cannot overflow the stack
        toolCalls.push({ id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) });
        break;
    }
  }
  const textOnly = parts.every((part) => part.type === 'text');
  return {
    role: 'assistant',
    // plain text travels as a string, which every provider accepts; reasoning needs the parts
    content: textOnly ? parts.map((part) => part.text).join('') : parts,
    ...(toolCalls.length > 0 && { toolCalls }),
  };
}

function toToolChoice(choice: NonNullable<MessagesBody['tool_choice']>): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'tool', name: choice.name };
  }
}
