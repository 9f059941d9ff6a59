import type { FinishReason } from '@hub/core';

/** OpenAI's finish reasons; `error` and `other` have no OpenAI equivalent and read as `stop`. */
export function toOpenAIFinishReason(
  reason: FinishReason,
): 'stop' | 'length' | 'tool_calls' | 'content_filter' {
  return reason === 'length' || reason === 'tool_calls' || reason === 'content_filter' ? reason : 'stop';
}
