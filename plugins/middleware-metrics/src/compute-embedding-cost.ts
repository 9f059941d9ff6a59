import type { Cost, EmbeddingUsage, ModelPricing } from '@hub/core';

/**
 * What one embedding call cost: its input tokens at the model's `inputPer1k` (US dollars per
 * 1,000 tokens). Embedding models bill input only, so `outputUsd` is 0 and `totalUsd` equals
 * `inputUsd`; prompt-cache prices and long-prompt tiers do not apply. A negative or non-finite
 * token count costs nothing. Pure and synchronous.
 */
export function computeEmbeddingCost(usage: EmbeddingUsage, pricing: ModelPricing): Cost {
  const tokens = Number.isFinite(usage.inputTokens) && usage.inputTokens > 0 ? usage.inputTokens : 0;
  const inputUsd = (tokens * pricing.inputPer1k) / 1000;
  return { inputUsd, outputUsd: 0, totalUsd: inputUsd };
}
