import type { FinishReason } from '@hub/core';

/**
 * Maps Bedrock's `stopReason` to the unified finish reason: `end_turn` and `stop_sequence` →
 * `stop`; `max_tokens` and `model_context_window_exceeded` → `length`; `tool_use` →
 * `tool_calls`; `guardrail_intervened` and `content_filtered` → `content_filter`;
 * `malformed_model_output` and `malformed_tool_use` → `error`; anything else (or none) → `other`.
 *
 * @param stopReason - The `stopReason` of a response or of the `messageStop` event.
 */
export function mapBedrockStopReason(stopReason: string | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return 'error';
    default:
      return 'other';
  }
}
