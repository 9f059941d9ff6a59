import type { FinishReason } from '@hub/core';

/** Anthropic's stop reasons the gateway can produce. */
export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'tool_use' | 'refusal';

/** A unified finish reason as Anthropic's `stop_reason`; `error` and `other` read as `end_turn`. */
export function toAnthropicStopReason(reason: FinishReason): AnthropicStopReason {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
