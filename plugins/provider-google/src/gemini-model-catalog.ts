import type { ModelCapabilities, ModelInfo } from '@hub/core';

// Prices from the Gemini Developer API pricing page (paid tier, text/image/video input),
// converted from USD per million tokens to USD per 1,000 tokens. Output prices include thinking
// tokens. These are the base tier (prompts up to 200,000 tokens); the tier above it is in
// `GEMINI_LONG_CONTEXT_PRICING`. Cached input is the context-caching read price.
const PRO_2_5 = { inputPer1k: 0.00125, outputPer1k: 0.01, cachedInputPer1k: 0.000125 };
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

// Every model below accepts 1,048,576 input tokens; Google's "context window" is that input limit
const ONE_MEBI_TOKENS = 1_048_576;

/**
 * The Gemini models this package knows without asking the API: context window (the input token
 * limit, which is how Google states it), largest output, capabilities and base-tier prices (USD
 * per 1,000 tokens, including context-cache reads) on the Gemini Developer API. Versioned and
 * preview ids (`gemini-2.5-flash-preview-09-2025`, `gemini-2.0-flash-001`) resolve to the entry
 * whose id they start with (see `findGeminiModel`). `reasoning` means the model thinks
 * (`thinkingConfig`). Prices change: check https://ai.google.dev/gemini-api/docs/pricing.
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
]);
