import type { ModelCapabilities, ModelInfo } from '@hub/core';
import { GEMINI_MODEL_CATALOG } from './gemini-model-catalog.js';

// Vertex AI bills Gemini 2.0 Flash above the Gemini Developer API (USD 0.15 / 0.60 per million
// tokens); the 2.5 models (Pro's long-prompt tier included), 2.0 Flash-Lite and
// gemini-embedding-001 (USD 0.15 per million input tokens) cost the same on both.
const VERTEX_PRICE_OVERRIDES: Readonly<Record<string, ModelInfo['pricing']>> = {
  'gemini-2.0-flash': { inputPer1k: 0.00015, outputPer1k: 0.0006, cachedInputPer1k: 0.0000375 },
};

const EMBEDDING: ModelCapabilities = {
  streaming: false,
  tools: false,
  vision: false,
  json: false,
  embedding: true,
};

// Vertex AI's own text embedding models: 768 dimensions (shortened by `dimensions`), 2,048
// input tokens. They are billed per 1,000 input characters, which a per-token price cannot
// state, so their price is left unknown rather than guessed.
const VERTEX_TEXT_EMBEDDING_MODELS: readonly ModelInfo[] = [
  'text-embedding-005',
  'text-multilingual-embedding-002',
].map((id) => ({
  id,
  contextWindow: 2_048,
  capabilities: EMBEDDING,
  embedding: { dimensions: 768, flexibleDimensions: true, maxInputTokens: 2_048 },
}));

/**
 * The models of `GEMINI_MODEL_CATALOG` as Vertex AI serves them (same context windows,
 * capabilities and vector lengths), with Vertex AI's standard pay-as-you-go prices (USD per
 * 1,000 tokens, `pricing.tiers` included), plus Vertex AI's text embedding models
 * (`text-embedding-005`, `text-multilingual-embedding-002`). Check
 * https://cloud.google.com/vertex-ai/generative-ai/pricing for current prices.
 */
export const VERTEX_MODEL_CATALOG: readonly ModelInfo[] = Object.freeze([
  ...GEMINI_MODEL_CATALOG.map((model) => {
    const pricing = VERTEX_PRICE_OVERRIDES[model.id];
    return pricing === undefined ? model : { ...model, pricing };
  }),
  ...VERTEX_TEXT_EMBEDDING_MODELS,
]);
