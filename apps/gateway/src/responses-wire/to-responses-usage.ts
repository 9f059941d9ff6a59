import type { Usage } from '@hub/core';
import type { ResponseUsage } from './open-responses-schemas.js';

/** Unified usage as the Responses `usage` object, with cached input and reasoning token details. */
export function toResponsesUsage(usage: Usage): ResponseUsage {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}
