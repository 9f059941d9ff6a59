import type { Usage } from '@hub/core';
import type { ResponsesUsage } from './responses-wire-types.js';

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
  const inputTokens = usage.input_tokens ?? 0;
  const outputTokens = usage.output_tokens ?? 0;
  const cached = usage.input_tokens_details?.cached_tokens;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  const result: { -readonly [Key in keyof Usage]: Usage[Key] } = {
    inputTokens,
    outputTokens,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
  };
  if (typeof cached === 'number') result.cachedInputTokens = cached;
  if (typeof reasoning === 'number') result.reasoningTokens = reasoning;
  return result;
}
