import type { Usage } from '@hub/core';
import type { OpenAIUsage } from './openai-wire-types.js';
import { unifiedUsage } from './unified-usage.js';

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
  return unifiedUsage({
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    total: usage.total_tokens,
    cached: usage.prompt_tokens_details?.cached_tokens,
    reasoning: usage.completion_tokens_details?.reasoning_tokens,
  });
}
