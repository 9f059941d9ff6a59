import type { ModelPricing } from '@hub/core';

/** A price tier that applies when a prompt is longer than `promptTokensAbove`. */
export interface LongContextPricing {
  /** The tier applies to calls whose prompt (input) has more tokens than this. */
  readonly promptTokensAbove: number;
  /** Prices of the whole call (input, output and cache reads) in that tier, USD per 1,000 tokens. */
  readonly pricing: ModelPricing;
}

/**
 * Prices of the models whose rate rises with prompt length, keyed by model id (USD per 1,000
 * tokens). `ModelInfo.pricing` in the catalogs is the base tier (prompts up to 200,000 tokens),
 * so cost tracking that reads it under-counts calls above the threshold; apply this table when
 * `usage.inputTokens > promptTokensAbove`. Only Gemini 2.5 Pro has such a tier among the catalog
 * models; Flash and Flash-Lite bill every prompt length alike. The same tier applies on the
 * Gemini Developer API and Vertex AI.
 *
 * @example
 * ```ts
 * const tier = longContextPricing['gemini-2.5-pro'];
 * const pricing = tier !== undefined && usage.inputTokens > tier.promptTokensAbove ? tier.pricing : model.pricing;
 * ```
 */
export const longContextPricing: Readonly<Record<string, LongContextPricing>> = Object.freeze({
  'gemini-2.5-pro': {
    promptTokensAbove: 200_000,
    pricing: { inputPer1k: 0.0025, outputPer1k: 0.015, cachedInputPer1k: 0.00025 },
  },
});
