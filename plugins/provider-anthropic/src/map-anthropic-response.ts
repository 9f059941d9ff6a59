import type { CompletionResponse, RateLimitSnapshot, ResponseContentPart } from '@hub/core';
import type { AnthropicMessage, AnthropicResponseBlock } from './anthropic-wire-types.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';

function convertBlock(block: AnthropicResponseBlock): ResponseContentPart | undefined {
  const fields = block as Record<string, unknown>;
  switch (block.type) {
    case 'text':
      return { type: 'text', text: String(fields.text ?? '') };
    case 'thinking':
      return {
        type: 'reasoning',
        text: String(fields.thinking ?? ''),
        ...(typeof fields.signature === 'string' && { signature: fields.signature }),
      };
    case 'redacted_thinking':
      // the encrypted data is opaque like a signature and must never be shown as text
      return { type: 'reasoning', text: '', signature: String(fields.data ?? ''), redacted: true };
    case 'tool_use':
      return {
        type: 'tool-call',
        id: String(fields.id ?? ''),
        name: String(fields.name ?? ''),
        arguments: JSON.stringify(fields.input ?? {}),
      };
    default:
      // server tool blocks (web search results, …) have no unified part; `raw` keeps them
      return undefined;
  }
}

/**
 * Maps a non-streaming Messages API response to the unified `CompletionResponse`: `text` blocks
 * become text parts, `thinking` blocks reasoning parts carrying their `signature`,
 * `redacted_thinking` blocks redacted reasoning parts (the data in `signature`, empty text),
 * `tool_use` blocks tool-call parts with `JSON.stringify(input)` as arguments. Other block types
 * are left out of `content` but stay in `raw`. Usage follows `mapAnthropicUsage`, the finish
 * reason `mapAnthropicStopReason`.
 *
 * @param message - The parsed response body.
 * @param rateLimit - The rate-limit state read from the response headers, if any.
 */
export function mapAnthropicResponse(
  message: AnthropicMessage,
  rateLimit: RateLimitSnapshot | undefined,
): CompletionResponse {
  const content: ResponseContentPart[] = [];
  let text = '';
  for (const block of message.content ?? []) {
    const part = convertBlock(block);
    if (part === undefined) continue;
    content.push(part);
    if (part.type === 'text') text += part.text;
  }
  return {
    id: message.id,
    provider: 'anthropic',
    model: message.model,
    text,
    content,
    finishReason: mapAnthropicStopReason(message.stop_reason),
    usage: mapAnthropicUsage(message.usage),
    ...(rateLimit !== undefined && { rateLimit }),
    raw: message,
  };
}
