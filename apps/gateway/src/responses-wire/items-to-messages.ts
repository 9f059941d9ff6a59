import type { ImagePart, Message, ReasoningPart, TextPart, ToolCall } from '@hub/core';
import type { ConversationItem } from './conversation-item.js';
import type { MessageItem, ReasoningItem } from './open-responses-schemas.js';
import { parseGatewayItemId } from './response-ids.js';

interface AssistantTurn {
  parts: (TextPart | ReasoningPart)[];
  toolCalls: ToolCall[];
}

/**
 * A conversation of items as unified messages, in order, after the `instructions` (a system
 * message first when given). Assistant-side items in a row — assistant messages, reasoning,
 * function calls — form one assistant turn (its text and reasoning in order, its calls as
 * `toolCalls`); a `function_call_output` becomes a tool message. Reasoning items map to reasoning
 * parts losslessly: summary text → `text`, `encrypted_content` → `signature`, a provider's item
 * id → `id` (ids the gateway made are not forwarded; `rs_…r` ones mark redacted reasoning).
 * Refusals of earlier answers are not resent. Linear in the items' size.
 */
export function itemsToMessages(instructions: string | null, items: readonly ConversationItem[]): Message[] {
  const messages: Message[] = [];
  if (instructions !== null && instructions !== '') messages.push({ role: 'system', content: instructions });
  let turn: AssistantTurn | undefined;
  const flush = (): void => {
    if (turn === undefined) return;
    const { parts, toolCalls } = turn;
    turn = undefined;
    if (parts.length === 0 && toolCalls.length === 0) return;
    const textOnly = parts.every((part) => part.type === 'text');
    messages.push({
      role: 'assistant',
      // plain text travels as a string, which every provider accepts; reasoning needs the parts
      content: textOnly ? parts.map((part) => part.text).join('') : parts,
      ...(toolCalls.length > 0 && { toolCalls }),
    });
  };
  for (const item of items) {
    switch (item.type) {
      case 'message':
        if (item.role === 'assistant') {
          turn ??= { parts: [], toolCalls: [] };
          for (const part of item.content)
            if (part.type === 'output_text' || part.type === 'input_text')
              turn.parts.push({ type: 'text', text: part.text });
        } else {
          flush();
          messages.push(toMessage(item));
        }
        break;
      case 'reasoning': {
        const part = toReasoningPart(item);
        if (part !== undefined) {
          turn ??= { parts: [], toolCalls: [] };
          turn.parts.push(part);
        }
        break;
      }
      case 'function_call':
        turn ??= { parts: [], toolCalls: [] };
        turn.toolCalls.push({
          id: item.call_id,
          name: item.name,
          arguments: item.arguments,
          ...(item.signature !== undefined && { signature: item.signature }),
        });
        break;
      case 'function_call_output':
        flush();
        messages.push({
          role: 'tool',
          toolCallId: item.call_id,
          content:
            typeof item.output === 'string'
              ? item.output
              : item.output.map((part) => (part.type === 'input_text' ? part.text : '')).join(''),
        });
        break;
    }
  }
  flush();
  return messages;
}

function toMessage(item: MessageItem): Message {
  if (item.role === 'user') {
    const parts: (TextPart | ImagePart)[] = [];
    for (const part of item.content) {
      if (part.type === 'input_text' || part.type === 'output_text' || part.type === 'text')
        parts.push({ type: 'text', text: part.text });
      else if (part.type === 'input_image' && part.image_url !== null) parts.push(toImagePart(part));
    }
    const only = parts[0];
    return { role: 'user', content: parts.length === 1 && only?.type === 'text' ? only.text : parts };
  }
  let text = '';
  for (const part of item.content) if (part.type === 'input_text' || part.type === 'text') text += part.text;
  return { role: 'system', content: text };
}

function toImagePart(part: { image_url: string | null; detail: 'low' | 'high' | 'auto' }): ImagePart {
  const url = part.image_url ?? '';
  const match = /^data:([^;,]+);base64,/.exec(url);
  const source = match
    ? { type: 'base64' as const, mediaType: match[1] as string, data: url.slice(match[0].length) }
    : { type: 'url' as const, url };
  return { type: 'image', source, detail: part.detail };
}

function toReasoningPart(item: ReasoningItem): ReasoningPart | undefined {
  let text = '';
  for (const part of item.summary) if ('text' in part) text += (text === '' ? '' : '\n\n') + part.text;
  if (text === '' && item.content !== undefined)
    for (const part of item.content) if ('text' in part) text += part.text;
  const signature = item.encrypted_content;
  // nothing a provider could use: no text to show it, no signature to verify
  if (text === '' && signature === undefined) return undefined;
  const made = parseGatewayItemId(item.id);
  return {
    type: 'reasoning',
    text,
    ...(signature !== undefined && { signature }),
    ...(made?.redacted === true && { redacted: true }),
    ...(made === undefined && { id: item.id }),
  };
}
