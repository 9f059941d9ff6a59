import type { Cost, ModelPricing, Usage } from '@hub/core';

/**
 * What one completion cost, from its token usage and the model's prices (US dollars per 1,000
 * tokens). Pure and synchronous.
 *
 * Input is split three ways, because providers bill them differently:
 * - `cachedInputTokens` (prompt-cache reads) at `cachedInputPer1k`;
 * - `cacheWriteInputTokens` (prompt-cache writes) at `cacheWriteInputPer1k`;
 * - the rest of `inputTokens` at `inputPer1k`.
 *
 * `inputTokens` counts every prompt token, cache reads and writes included (the unified `Usage`
 * model), so the cache figures are carved out of it, never added on top; they are clamped so a
 * provider reporting more cached tokens than input tokens cannot produce a negative price. An
 * absent cache price falls back to `inputPer1k`, as `ModelPricing` documents. Output tokens
 * (reasoning included) are billed at `outputPer1k`. Long prompts use the last of
 * `pricing.tiers` whose `promptTokensAbove` they exceed (Gemini's above-200k prices).
 */
export function computeCost(usage: Usage, basePricing: ModelPricing): Cost {
  const inputTokens = nonNegative(usage.inputTokens);
  const pricing = tierFor(basePricing, inputTokens);
  const cachedTokens = Math.min(nonNegative(usage.cachedInputTokens), inputTokens);
  const writtenTokens = Math.min(nonNegative(usage.cacheWriteInputTokens), inputTokens - cachedTokens);
  const uncachedTokens = inputTokens - cachedTokens - writtenTokens;
  const inputUsd =
    (uncachedTokens * pricing.inputPer1k +
      cachedTokens * (pricing.cachedInputPer1k ?? pricing.inputPer1k) +
      writtenTokens * (pricing.cacheWriteInputPer1k ?? pricing.inputPer1k)) /
    1000;
  const outputUsd = (nonNegative(usage.outputTokens) * pricing.outputPer1k) / 1000;
  return { inputUsd, outputUsd, totalUsd: inputUsd + outputUsd };
}

function nonNegative(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

function tierFor(pricing: ModelPricing, promptTokens: number): Omit<ModelPricing, 'tiers'> {
  let chosen: Omit<ModelPricing, 'tiers'> = pricing;
  for (const tier of pricing.tiers ?? []) if (promptTokens > tier.promptTokensAbove) chosen = tier.pricing;
  return chosen;
}
