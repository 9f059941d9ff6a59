import type { ModelInfo } from '@hub/core';
import { MOCK_SCENARIOS } from './mock-scenarios.js';

/** Length of `mock-embed` vectors; `dimensions` may shorten them. */
export const MOCK_EMBEDDING_DIMENSIONS = 256;

const CHAT: Omit<ModelInfo, 'id'> = {
  contextWindow: 128_000,
  maxOutputTokens: 16_384,
  capabilities: { streaming: true, tools: true, vision: true, json: true, reasoning: false },
  pricing: { inputPer1k: 0.0005, outputPer1k: 0.0015, cachedInputPer1k: 0.00025 },
};

/**
 * The mock's default catalog: `mock-1` (every capability and a price), one chat model per
 * built-in scenario (`mock-tools`, `mock-error-429`, …, listed so `/v1/models` shows them), and
 * `mock-embed`, an embedding model of 256 dimensions that `dimensions` may shorten.
 */
export const MOCK_MODELS: readonly ModelInfo[] = Object.freeze([
  { id: 'mock-1', ...CHAT },
  ...Object.keys(MOCK_SCENARIOS).map((id) => ({ id, ...CHAT })),
  {
    id: 'mock-embed',
    contextWindow: 8_192,
    capabilities: { streaming: false, tools: false, vision: false, json: false, embedding: true },
    embedding: { dimensions: MOCK_EMBEDDING_DIMENSIONS, flexibleDimensions: true, maxInputTokens: 8_192 },
    pricing: { inputPer1k: 0.00002, outputPer1k: 0 },
  },
]);
