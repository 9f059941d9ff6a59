import type { FinishReason } from '@hub/core';

/**
 * Maps Anthropic's `stop_reason` to the unified finish reason:
 *
 * | `stop_reason` | finish reason |
 * | --- | --- |
 * | `end_turn`, `stop_sequence` | `stop` |
 * | `max_tokens`, `model_context_window_exceeded` | `length` |
 * | `tool_use` | `tool_calls` |
 * | `refusal` | `content_filter` |
 * | `pause_turn`, `null`, anything else | `other` |
 *
 * `pause_turn` means a server tool (web search) paused a long turn; the caller continues it by
 * sending the response back as an assistant message, which no unified reason expresses.
 *
 * @param stopReason - The wire value; `null` or absent when the API reported none.
 */
export function mapAnthropicStopReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}
