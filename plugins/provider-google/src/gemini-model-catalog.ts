import type { ModelCapabilities, ModelInfo, ModelPricing } from '@hub/core';

// Prices from the Gemini Developer API pricing page (paid tier, text/image/video input),
// converted from USD per million tokens to USD per 1,000 tokens. Output prices include thinking
// tokens. Cached input is the context-caching read price. Gemini 2.5 Pro bills the whole call
// (input, output and cache reads) at higher rates when the prompt exceeds 200,000 tokens: that is
// its `tiers` entry, which cost tracking (`computeCost` of @hub/middleware-metrics) applies.
// Flash and Flash-Lite bill every prompt length alike.
const PRO_2_5: ModelPricing = {
  inputPer1k: 0.00125,
  outputPer1k: 0.01,
  cachedInputPer1k: 0.000125,
  tiers: [
    {
      promptTokensAbove: 200_000,
      pricing: { inputPer1k: 0.0025, outputPer1k: 0.015, cachedInputPer1k: 0.00025 },
    },
  ],
};
const FLASH_2_5 = { inputPer1k: 0.0003, outputPer1k: 0.0025, cachedInputPer1k: 0.00003 };
const FLASH_LITE_2_5 = { inputPer1k: 0.0001, outputPer1k: 0.0004, cachedInputPer1k: 0.00001 };
const FLASH_2_0 = { inputPer1k: 0.0001, outputPer1k: 0.0004, cachedInputPer1k: 0.000025 };
// 2.0 Flash-Lite has no context caching: cached input defaults to the input price
const FLASH_LITE_2_0 = { inputPer1k: 0.000075, outputPer1k: 0.0003 };

const THINKING: ModelCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  json: true,
  reasoning: true,
};
const NOT_THINKING: ModelCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  json: true,
  reasoning: false,
};

// Every chat model below accepts 1,048,576 input tokens; Google's "context window" is that input limit
const ONE_MEBI_TOKENS = 1_048_576;

const EMBEDDING: ModelCapabilities = {
  streaming: false,
  tools: false,
  vision: false,
  json: false,
  embedding: true,
};

/**
 * The Gemini models this package knows without asking the API: context window (the input token
 * limit, which is how Google states it), largest output, capabilities and prices on the Gemini
 * Developer API (USD per 1,000 tokens, including context-cache reads; Gemini 2.5 Pro's prices for
 * prompts above 200,000 tokens are in `pricing.tiers`), and the embedding model with its vector
 * length (shortened by `dimensions`), input limit and price. Versioned and preview ids
 * (`gemini-2.5-flash-preview-09-2025`, `gemini-2.0-flash-001`) resolve to the entry whose id they
 * start with. `reasoning` means the model thinks (`thinkingConfig`). Prices change: check
 * https://ai.google.dev/gemini-api/docs/pricing.
 */
export const GEMINI_MODEL_CATALOG: readonly ModelInfo[] = Object.freeze([
  {
    id: 'gemini-2.5-pro',
    contextWindow: ONE_MEBI_TOKENS,
    maxOutputTokens: 65_536,
    capabilities: THINKING,
    pricing: PRO_2_5,
  },
  {
    id: 'gemini-2.5-flash',
    contextWindow: ONE_MEBI_TOKENS,
    maxOutputTokens: 65_536,
    capabilities: THINKING,
    pricing: FLASH_2_5,
  },
  {
    id: 'gemini-2.5-flash-lite',
    contextWindow: ONE_MEBI_TOKENS,
    maxOutputTokens: 65_536,
    capabilities: THINKING,
    pricing: FLASH_LITE_2_5,
  },
  {
    id: 'gemini-2.0-flash',
    contextWindow: ONE_MEBI_TOKENS,
    maxOutputTokens: 8_192,
    capabilities: NOT_THINKING,
    pricing: FLASH_2_0,
  },
  {
    id: 'gemini-2.0-flash-lite',
    contextWindow: ONE_MEBI_TOKENS,
    maxOutputTokens: 8_192,
    capabilities: NOT_THINKING,
    pricing: FLASH_LITE_2_0,
  },
  // 3,072 dimensions by default, trained to be shortened (768 and 1,536 are the recommended
  // lengths); inputs above 2,048 tokens are truncated. text-embedding-004 is left out: the
  // Gemini API retired it in favour of this model.
  {
    id: 'gemini-embedding-001',
    contextWindow: 2_048,
    capabilities: EMBEDDING,
    embedding: { dimensions: 3_072, flexibleDimensions: true, maxInputTokens: 2_048 },
    pricing: { inputPer1k: 0.00015, outputPer1k: 0 },
  },
]);
