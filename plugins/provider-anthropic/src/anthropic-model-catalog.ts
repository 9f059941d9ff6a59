import type { ModelInfo } from '@hub/core';

// Prices from Anthropic's pricing page, converted from USD per million tokens to USD per 1,000
// tokens. Cache writes are the 5-minute cache price (1.25x input); cache reads are 0.1x input.
const OPUS_PRICING = {
  inputPer1k: 0.015,
  outputPer1k: 0.075,
  cachedInputPer1k: 0.0015,
  cacheWriteInputPer1k: 0.01875,
};
const SONNET_PRICING = {
  inputPer1k: 0.003,
  outputPer1k: 0.015,
  cachedInputPer1k: 0.0003,
  cacheWriteInputPer1k: 0.00375,
};
const HAIKU_4_5_PRICING = {
  inputPer1k: 0.001,
  outputPer1k: 0.005,
  cachedInputPer1k: 0.0001,
  cacheWriteInputPer1k: 0.00125,
};
const HAIKU_3_5_PRICING = {
  inputPer1k: 0.0008,
  outputPer1k: 0.004,
  cachedInputPer1k: 0.00008,
  cacheWriteInputPer1k: 0.001,
};

const WITH_THINKING = { streaming: true, tools: true, vision: true, json: true, reasoning: true } as const;
const WITHOUT_THINKING = {
  streaming: true,
  tools: true,
  vision: true,
  json: true,
  reasoning: false,
} as const;

/**
 * The models this provider knows without asking the API: context window, largest output, prices
 * (USD per 1,000 tokens, including prompt-cache reads and 5-minute cache writes) and
 * capabilities. Ids are Anthropic's aliases; dated ids (`claude-sonnet-4-5-20250929`) and
 * `-latest` aliases resolve to the entry whose id they start with (`findCatalogModel` of `@hub/provider-utils`).
 *
 * `json` is reported for every model because JSON output is obtained through a system
 * instruction, which every model follows (see the README); `reasoning` means extended thinking.
 */
export const ANTHROPIC_MODEL_CATALOG: readonly ModelInfo[] = Object.freeze([
  {
    id: 'claude-opus-4-1',
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    capabilities: WITH_THINKING,
    pricing: OPUS_PRICING,
  },
  {
    id: 'claude-opus-4',
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    capabilities: WITH_THINKING,
    pricing: OPUS_PRICING,
  },
  {
    id: 'claude-sonnet-4-5',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: WITH_THINKING,
    pricing: SONNET_PRICING,
  },
  {
    id: 'claude-sonnet-4',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: WITH_THINKING,
    pricing: SONNET_PRICING,
  },
  {
    id: 'claude-3-7-sonnet',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: WITH_THINKING,
    pricing: SONNET_PRICING,
  },
  {
    id: 'claude-haiku-4-5',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: WITH_THINKING,
    pricing: HAIKU_4_5_PRICING,
  },
  {
    id: 'claude-3-5-haiku',
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    capabilities: WITHOUT_THINKING,
    pricing: HAIKU_3_5_PRICING,
  },
]);
