import {
  type AssistantMessage,
  ConnectorError,
  type ImagePart,
  type Message,
  type TextPart,
  type ToolMessage,
  type UserMessage,
} from '@hub/core';
import { parseToolArguments } from '@hub/provider-utils';
import type {
  AnthropicImageBlock,
  AnthropicMessageParam,
  AnthropicRequestBlock,
  AnthropicToolResultBlock,
} from './anthropic-wire-types.js';

/** The conversation in Anthropic's shape: the lifted system prompt and alternating turns. */
export interface AnthropicConversation {
  /** Every system message's text, joined by a blank line; absent when there was none. */
  readonly system?: string;
  readonly messages: AnthropicMessageParam[];
}

interface Turn {
  readonly role: 'user' | 'assistant';
  readonly blocks: AnthropicRequestBlock[];
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function invalid(field: string, problem: string): ConnectorError {
  return new ConnectorError('invalid_request', `${field} ${problem}.`, {
    field,
    providerId: 'anthropic',
  });
}

function convertImage(part: ImagePart, field: string): AnthropicImageBlock {
  const { source } = part;
  if (source.type === 'base64') {
    return { type: 'image', source: { type: 'base64', media_type: source.mediaType, data: source.data } };
  }
  if (source.url.startsWith('data:')) {
    // Anthropic fetches only http(s) URLs; inline data URLs travel as base64 sources
    const match = DATA_URL.exec(source.url);
    if (match === null)
      throw invalid(`${field}.source.url`, 'must be a base64 data URL (data:<type>;base64,…)');
    return {
      type: 'image',
      source: { type: 'base64', media_type: match[1] as string, data: match[2] as string },
    };
  }
  return { type: 'image', source: { type: 'url', url: source.url } };
}

function userBlocks(message: UserMessage, field: string): AnthropicRequestBlock[] {
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return message.content.map((part, index) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : convertImage(part, `${field}.content.${index}`),
  );
}

function assistantBlocks(message: AssistantMessage, field: string): AnthropicRequestBlock[] {
  const blocks: AnthropicRequestBlock[] = [];
  if (typeof message.content === 'string') {
    // an empty text block is rejected by the API; assistant turns with only tool calls carry ""
    if (message.content !== '') blocks.push({ type: 'text', text: message.content });
  } else {
    for (const part of message.content) {
      if (part.type === 'text') {
        if (part.text !== '') blocks.push({ type: 'text', text: part.text });
      } else if (part.redacted === true) {
        blocks.push({ type: 'redacted_thinking', data: part.signature ?? part.text });
      } else if (part.signature !== undefined) {
        blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
      }
      // reasoning without a signature cannot be verified by Anthropic and would be rejected
    }
  }
  message.toolCalls?.forEach((call, index) => {
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.name,
      input: parseToolArguments(call.arguments, `${field}.toolCalls.${index}.arguments`, 'anthropic'),
    });
  });
  return blocks;
}

function toolResultBlock(message: ToolMessage): AnthropicToolResultBlock {
  const content =
    typeof message.content === 'string'
      ? message.content
      : message.content.map((part: TextPart) => ({ type: 'text' as const, text: part.text }));
  return {
    type: 'tool_result',
    tool_use_id: message.toolCallId,
    content,
    ...(message.isError === true && { is_error: true }),
  };
}

/**
 * Converts unified messages to Anthropic's conversation shape:
 *
 * - `system` messages, wherever they appear, are lifted into the top-level `system` prompt.
 * - `tool` messages become `tool_result` blocks of a `user` turn (`is_error` when `isError`).
 * - Consecutive turns of the same role are merged into one, because Anthropic requires
 *   `user` and `assistant` to alternate: several tool results form one user turn, and a user
 *   message right after tool results joins that turn after its `tool_result` blocks (Anthropic
 *   wants tool results first).
 * - Assistant reasoning with a `signature` is sent back as a `thinking` block, redacted reasoning
 *   as `redacted_thinking` (its data read from `signature`, else `text`); reasoning without a
 *   signature is dropped. Tool calls become `tool_use` blocks with their arguments parsed.
 * - Images become `base64` sources (also from `data:` URLs) or `url` sources.
 * - A turn holding one text block is sent as a plain string.
 *
 * @throws ConnectorError `invalid_request` (naming the field, before any I/O) when tool-call
 *   arguments are not a JSON object or an image data URL is not base64.
 */
export function convertToAnthropicMessages(messages: readonly Message[]): AnthropicConversation {
  const systemParts: string[] = [];
  const turns: Turn[] = [];
  const append = (role: Turn['role'], blocks: AnthropicRequestBlock[]): void => {
    // an empty turn (an assistant message of only unsigned reasoning) would be rejected; skipping
    // it lets the turns around it merge
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last === undefined || last.role !== role) {
      turns.push({ role, blocks });
      return;
    }
    // one push per block: spreading a huge block list as arguments would overflow the stack
    for (let index = 0; index < blocks.length; index++)
      last.blocks.push(blocks[index] as AnthropicRequestBlock);
  };
  messages.forEach((message, index) => {
    const field = `messages.${index}`;
    switch (message.role) {
      case 'system':
        systemParts.push(message.content);
        break;
      case 'user':
        append('user', userBlocks(message, field));
        break;
      case 'assistant':
        append('assistant', assistantBlocks(message, field));
        break;
      case 'tool':
        append('user', [toolResultBlock(message)]);
        break;
    }
  });
  const converted = turns.map((turn): AnthropicMessageParam => {
    const only = turn.blocks.length === 1 ? turn.blocks[0] : undefined;
    return { role: turn.role, content: only?.type === 'text' ? only.text : turn.blocks };
  });
  return {
    ...(systemParts.length > 0 && { system: systemParts.join('\n\n') }),
    messages: converted,
  };
}
