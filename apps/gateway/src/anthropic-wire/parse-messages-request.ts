import {
  type CompletionRequest,
  ConnectorError,
  type ImagePart,
  type Message,
  type ReasoningPart,
  type TextPart,
  type ToolCall,
  type ToolChoice,
  type ToolDefinition,
} from '@hub/core';
import type { MessagesBody, MessagesRequestOptions } from './messages-request-types.js';

const invalid = (field: string, problem: string): ConnectorError =>
  new ConnectorError('invalid_request', `Invalid request: '${field}' ${problem}.`, { field });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns an Anthropic Messages API body into a unified request. Field errors name the Anthropic
 * field (`messages.1.content.0.tool_use_id`), in the dotted form Anthropic's own errors use.
 * A user turn's `tool_result` blocks become `tool` messages in their order (text and images of
 * the same turn follow as a user message); an assistant turn's `tool_use` blocks become its
 * `toolCalls` with the input as JSON text.
 */
export function parseMessagesRequest(body: unknown): {
  request: CompletionRequest;
  options: MessagesRequestOptions;
} {
  if (!isRecord(body)) throw invalid('body', 'must be a JSON object');
  const input = body as MessagesBody;
  if (typeof input.model !== 'string' || input.model === '') throw invalid('model', 'is required');
  if (input.max_tokens === undefined || input.max_tokens === null) throw invalid('max_tokens', 'is required');
  if (typeof input.max_tokens !== 'number' || !Number.isInteger(input.max_tokens) || input.max_tokens < 1)
    throw invalid('max_tokens', 'must be a positive integer');
  if (!Array.isArray(input.messages) || input.messages.length === 0)
    throw invalid('messages', 'must be a non-empty array');

  const messages: Message[] = parseSystem(input.system);
  input.messages.forEach((message, index) => {
    appendMessage(messages, message, `messages.${index}`);
  });
  const request: Record<string, unknown> = { model: input.model, messages, maxTokens: input.max_tokens };
  copyNumber(input.temperature, 'temperature', request, 'temperature');
  copyNumber(input.top_p, 'top_p', request, 'topP');
  if (input.stop_sequences !== undefined && input.stop_sequences !== null) {
    if (
      !Array.isArray(input.stop_sequences) ||
      !input.stop_sequences.every((item) => typeof item === 'string')
    )
      throw invalid('stop_sequences', 'must be an array of strings');
    if (input.stop_sequences.length > 0) request.stop = input.stop_sequences;
  }
  if (input.tools !== undefined && input.tools !== null) request.tools = parseTools(input.tools);
  if (input.tool_choice !== undefined && input.tool_choice !== null)
    request.toolChoice = parseToolChoice(input.tool_choice);
  if (input.thinking !== undefined && input.thinking !== null) {
    const budgetTokens = parseThinking(input.thinking);
    if (budgetTokens !== undefined) request.reasoning = { budgetTokens };
  }
  if (input.metadata !== undefined && input.metadata !== null) {
    if (!isRecord(input.metadata)) throw invalid('metadata', 'must be an object');
    const userId = input.metadata.user_id;
    if (userId !== undefined && userId !== null) {
      if (typeof userId !== 'string') throw invalid('metadata.user_id', 'must be a string');
      request.user = userId;
    }
  }
  if (input.stream !== undefined && input.stream !== null && typeof input.stream !== 'boolean')
    throw invalid('stream', 'must be a boolean');
  return { request: request as unknown as CompletionRequest, options: { stream: input.stream === true } };
}

function copyNumber(value: unknown, field: string, target: Record<string, unknown>, key: string): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number') throw invalid(field, 'must be a number');
  target[key] = value;
}

function parseSystem(system: unknown): Message[] {
  if (system === undefined || system === null) return [];
  if (typeof system === 'string') return system === '' ? [] : [{ role: 'system', content: system }];
  if (!Array.isArray(system)) throw invalid('system', 'must be a string or an array of text blocks');
  // one system message per block keeps the blocks' boundaries for providers that have several
  return system.map((block, index): Message => {
    if (!isRecord(block) || block.type !== 'text' || typeof block.text !== 'string')
      throw invalid(`system.${index}`, 'must be a text block { type: "text", text }');
    return { role: 'system', content: block.text };
  });
}

function appendMessage(messages: Message[], value: unknown, field: string): void {
  if (!isRecord(value)) throw invalid(field, 'must be an object');
  if (value.role === 'user') appendUser(messages, value.content, `${field}.content`);
  else if (value.role === 'assistant') messages.push(parseAssistant(value.content, `${field}.content`));
  else throw invalid(`${field}.role`, 'must be "user" or "assistant"');
}

function appendUser(messages: Message[], content: unknown, field: string): void {
  if (typeof content === 'string') {
    messages.push({ role: 'user', content });
    return;
  }
  if (!Array.isArray(content)) throw invalid(field, 'must be a string or an array of content blocks');
  let parts: (TextPart | ImagePart)[] = [];
  const flush = (): void => {
    if (parts.length > 0) messages.push({ role: 'user', content: parts });
    parts = [];
  };
  content.forEach((block, index) => {
    const blockField = `${field}.${index}`;
    if (!isRecord(block)) throw invalid(blockField, 'must be a content block object');
    switch (block.type) {
      case 'text':
        if (typeof block.text !== 'string') throw invalid(`${blockField}.text`, 'must be a string');
        parts.push({ type: 'text', text: block.text });
        return;
      case 'image':
        parts.push(parseImage(block.source, `${blockField}.source`));
        return;
      case 'tool_result':
        // results answer the previous assistant turn, so anything said before them goes first
        flush();
        if (typeof block.tool_use_id !== 'string' || block.tool_use_id === '')
          throw invalid(`${blockField}.tool_use_id`, 'is required');
        if (block.is_error !== undefined && typeof block.is_error !== 'boolean')
          throw invalid(`${blockField}.is_error`, 'must be a boolean');
        messages.push({
          role: 'tool',
          toolCallId: block.tool_use_id,
          content: toolResultText(block.content, `${blockField}.content`),
          ...(block.is_error === true && { isError: true }),
        });
        return;
      default:
        throw invalid(`${blockField}.type`, 'must be text, image or tool_result in a user message');
    }
  });
  flush();
}

function parseImage(source: unknown, field: string): ImagePart {
  if (!isRecord(source)) throw invalid(field, 'must be an object');
  if (source.type === 'base64') {
    if (typeof source.media_type !== 'string') throw invalid(`${field}.media_type`, 'is required');
    if (typeof source.data !== 'string') throw invalid(`${field}.data`, 'is required');
    return { type: 'image', source: { type: 'base64', mediaType: source.media_type, data: source.data } };
  }
  if (source.type === 'url') {
    if (typeof source.url !== 'string') throw invalid(`${field}.url`, 'is required');
    return { type: 'image', source: { type: 'url', url: source.url } };
  }
  throw invalid(`${field}.type`, 'must be base64 or url');
}

function toolResultText(content: unknown, field: string): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalid(field, 'must be a string or an array of text blocks');
  return content
    .map((block, index) => {
      // the unified tool message carries text only; images in tool results have no equivalent
      if (!isRecord(block) || block.type !== 'text' || typeof block.text !== 'string')
        throw invalid(`${field}.${index}`, 'must be a text block (the gateway supports text tool results)');
      return block.text;
    })
    .join('');
}

function parseAssistant(content: unknown, field: string): Message {
  if (typeof content === 'string') return { role: 'assistant', content };
  if (!Array.isArray(content)) throw invalid(field, 'must be a string or an array of content blocks');
  const parts: (TextPart | ReasoningPart)[] = [];
  const toolCalls: ToolCall[] = [];
  content.forEach((block, index) => {
    const blockField = `${field}.${index}`;
    if (!isRecord(block)) throw invalid(blockField, 'must be a content block object');
    switch (block.type) {
      case 'text':
        if (typeof block.text !== 'string') throw invalid(`${blockField}.text`, 'must be a string');
        parts.push({ type: 'text', text: block.text });
        return;
      case 'thinking':
        if (typeof block.thinking !== 'string') throw invalid(`${blockField}.thinking`, 'must be a string');
        parts.push({
          type: 'reasoning',
          text: block.thinking,
          ...(typeof block.signature === 'string' && { signature: block.signature }),
        });
        return;
      case 'redacted_thinking':
        if (typeof block.data !== 'string') throw invalid(`${blockField}.data`, 'must be a string');
        parts.push({ type: 'reasoning', text: '', signature: block.data, redacted: true });
        return;
      case 'tool_use':
        if (typeof block.id !== 'string' || block.id === '') throw invalid(`${blockField}.id`, 'is required');
        if (typeof block.name !== 'string' || block.name === '')
          throw invalid(`${blockField}.name`, 'is required');
        if (block.input !== undefined && !isRecord(block.input))
          throw invalid(`${blockField}.input`, 'must be an object');
        toolCalls.push({ id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) });
        return;
      default:
        throw invalid(
          `${blockField}.type`,
          'must be text, thinking, redacted_thinking or tool_use in an assistant message',
        );
    }
  });
  const textOnly = parts.every((part) => part.type === 'text');
  return {
    role: 'assistant',
    // plain text travels as a string, which every provider accepts; reasoning needs the parts
    content: textOnly ? parts.map((part) => part.text).join('') : parts,
    ...(toolCalls.length > 0 && { toolCalls }),
  };
}

function parseTools(value: unknown): ToolDefinition[] {
  if (!Array.isArray(value)) throw invalid('tools', 'must be an array');
  return value.map((tool, index): ToolDefinition => {
    const field = `tools.${index}`;
    if (!isRecord(tool)) throw invalid(field, 'must be an object');
    // Anthropic's server tools (web_search_…, bash_…) run on Anthropic's side only
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom')
      throw invalid(`${field}.type`, 'must be "custom" (server tools are not supported by the gateway)');
    if (typeof tool.name !== 'string' || tool.name === '') throw invalid(`${field}.name`, 'is required');
    if (!isRecord(tool.input_schema)) throw invalid(`${field}.input_schema`, 'must be a JSON Schema object');
    if (tool.description !== undefined && typeof tool.description !== 'string')
      throw invalid(`${field}.description`, 'must be a string');
    return {
      name: tool.name,
      parameters: tool.input_schema,
      ...(typeof tool.description === 'string' && { description: tool.description }),
    };
  });
}

function parseToolChoice(value: unknown): ToolChoice {
  if (!isRecord(value)) throw invalid('tool_choice', 'must be an object');
  switch (value.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      if (typeof value.name !== 'string' || value.name === '')
        throw invalid('tool_choice.name', 'is required');
      return { type: 'tool', name: value.name };
    default:
      throw invalid('tool_choice.type', 'must be auto, any, tool or none');
  }
}

function parseThinking(value: unknown): number | undefined {
  if (!isRecord(value)) throw invalid('thinking', 'must be an object');
  if (value.type === 'disabled') return undefined;
  if (value.type !== 'enabled') throw invalid('thinking.type', 'must be "enabled" or "disabled"');
  const budget = value.budget_tokens;
  if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1)
    throw invalid('thinking.budget_tokens', 'must be a positive integer');
  return budget;
}
