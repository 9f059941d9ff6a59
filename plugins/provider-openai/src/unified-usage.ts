import type { Usage } from '@hub/core';

/** The counts both OpenAI wire formats report, under their own names. */
export interface OpenAIUsageCounts {
  readonly input: number | null | undefined;
  readonly output: number | null | undefined;
  readonly total: number | null | undefined;
  readonly cached: number | null | undefined;
  readonly reasoning: number | null | undefined;
}

/**
 * The unified `Usage` of one OpenAI answer (Chat Completions or Responses): missing input and
 * output counts are 0, a missing total is their sum, and cached and reasoning tokens are set only
 * when reported.
 */
export function unifiedUsage(counts: OpenAIUsageCounts): Usage {
  const inputTokens = counts.input ?? 0;
  const outputTokens = counts.output ?? 0;
  const result: { -readonly [Key in keyof Usage]: Usage[Key] } = {
    inputTokens,
    outputTokens,
    totalTokens: counts.total ?? inputTokens + outputTokens,
  };
  if (typeof counts.cached === 'number') result.cachedInputTokens = counts.cached;
  if (typeof counts.reasoning === 'number') result.reasoningTokens = counts.reasoning;
  return result;
}
