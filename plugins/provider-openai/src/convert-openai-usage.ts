import type { Usage } from '@hub/core';
import type { OpenAIUsage } from './openai-wire-types.js';

/**
 * Maps Chat Completions `usage` to the unified `Usage`: `prompt_tokens` → `inputTokens`,
 * `completion_tokens` → `outputTokens`, `total_tokens` (or their sum) → `totalTokens`,
 * `prompt_tokens_details.cached_tokens` → `cachedInputTokens` and
 * `completion_tokens_details.reasoning_tokens` → `reasoningTokens` (each only when reported).
 *
 * @param usage - The wire usage; `null` or absent when the server reported none.
 * @returns The unified usage, or `undefined` when there was none.
 */
export function convertOpenAIUsage(usage: OpenAIUsage | null | undefined): Usage | undefined {
  if (usage === null || usage === undefined) return undefined;
  const inputTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  const result: { -readonly [Key in keyof Usage]: Usage[Key] } = {
    inputTokens,
    outputTokens,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
  };
  if (typeof cached === 'number') result.cachedInputTokens = cached;
  if (typeof reasoning === 'number') result.reasoningTokens = reasoning;
  return result;
}
