import type { Usage } from '@hub/core';
import type { ResponsesUsage } from './responses-wire-types.js';
import { unifiedUsage } from './unified-usage.js';

/**
 * Maps Responses `usage` to the unified `Usage`: `input_tokens` → `inputTokens`,
 * `output_tokens` → `outputTokens` (reasoning included), `total_tokens` (or their sum) →
 * `totalTokens`, `input_tokens_details.cached_tokens` → `cachedInputTokens` and
 * `output_tokens_details.reasoning_tokens` → `reasoningTokens` (each only when reported).
 *
 * @returns The unified usage, or `undefined` when the response reported none.
 */
export function convertResponsesUsage(usage: ResponsesUsage | null | undefined): Usage | undefined {
  if (usage === null || usage === undefined) return undefined;
  return unifiedUsage({
    input: usage.input_tokens,
    output: usage.output_tokens,
    total: usage.total_tokens,
    cached: usage.input_tokens_details?.cached_tokens,
    reasoning: usage.output_tokens_details?.reasoning_tokens,
  });
}
