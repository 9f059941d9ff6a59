import type { CompletionResponse } from '@hub/core';
import { parseToolInput } from './parse-tool-input.js';
import { toAnthropicStopReason } from './to-anthropic-stop-reason.js';
import { toAnthropicUsage } from './to-anthropic-usage.js';

/**
 * A unified response as an Anthropic `message` object: content blocks in the order the model
 * produced them (thinking, text, tool_use with its input parsed from the JSON arguments).
 * `stop_sequence` is null because the unified model does not say which sequence matched.
 */
export function toAnthropicMessage(response: CompletionResponse, id: string): Record<string, unknown> {
  const content = response.content.map((part) => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    if (part.type === 'tool-call')
      return { type: 'tool_use', id: part.id, name: part.name, input: parseToolInput(part.arguments) };
    return part.redacted === true
      ? { type: 'redacted_thinking', data: part.signature ?? '' }
      : { type: 'thinking', thinking: part.text, signature: part.signature ?? '' };
  });
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: response.model,
    content,
    stop_reason: toAnthropicStopReason(response.finishReason),
    stop_sequence: null,
    usage: toAnthropicUsage(response.usage),
  };
}
