import type { Usage } from '@hub/core';
import type { GeminiUsageMetadata } from './gemini-wire-types.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Maps Gemini's `usageMetadata` to unified usage:
 * - `inputTokens` = `promptTokenCount` (which already includes `cachedContentTokenCount`) +
 *   `toolUsePromptTokenCount` (tool results such as search grounding, billed as input);
 * - `outputTokens` = `candidatesTokenCount` + `thoughtsTokenCount`: Gemini reports thinking
 *   separately from the answer but bills both as output, and the unified `outputTokens`
 *   includes reasoning;
 * - `totalTokens` = `totalTokenCount` when reported, else the sum;
 * - `cachedInputTokens` = `cachedContentTokenCount`, `reasoningTokens` = `thoughtsTokenCount`
 *   (each only when reported).
 *
 * @param metadata - The response's `usageMetadata`; absent gives all zeros.
 */
export function mapGeminiUsage(metadata: GeminiUsageMetadata | undefined): Usage {
  const inputTokens = count(metadata?.promptTokenCount) + count(metadata?.toolUsePromptTokenCount);
  const thoughts = metadata?.thoughtsTokenCount;
  const outputTokens = count(metadata?.candidatesTokenCount) + count(thoughts);
  const total = metadata?.totalTokenCount;
  const cached = metadata?.cachedContentTokenCount;
  return {
    inputTokens,
    outputTokens,
    totalTokens: typeof total === 'number' && total >= 0 ? total : inputTokens + outputTokens,
    ...(typeof cached === 'number' && { cachedInputTokens: count(cached) }),
    ...(typeof thoughts === 'number' && { reasoningTokens: count(thoughts) }),
  };
}
