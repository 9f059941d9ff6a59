import type { FinishReason } from '@hub/core';

/**
 * Maps a Chat Completions `finish_reason` to the unified one: `stop`, `length`, `tool_calls` and
 * `content_filter` keep their meaning; the deprecated `function_call` is a tool call. Values some
 * compatible servers send are folded in too (`eos`, `end_turn` → `stop`; `max_tokens`,
 * `model_length` → `length`; `error` → `error`). `null`, absent or unknown values give `other`.
 *
 * @param reason - The wire value.
 * @returns The unified finish reason.
 */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'eos':
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'length':
    case 'max_tokens':
    case 'model_length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}
