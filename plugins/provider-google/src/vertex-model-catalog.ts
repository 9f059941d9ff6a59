import type { ModelInfo } from '@hub/core';
import { GEMINI_MODEL_CATALOG } from './gemini-model-catalog.js';

// Vertex AI bills Gemini 2.0 Flash above the Gemini Developer API (USD 0.15 / 0.60 per million
// tokens); the 2.5 models (Pro's long-prompt tier included) and 2.0 Flash-Lite cost the same on
// both.
const VERTEX_PRICE_OVERRIDES: Readonly<Record<string, ModelInfo['pricing']>> = {
  'gemini-2.0-flash': { inputPer1k: 0.00015, outputPer1k: 0.0006, cachedInputPer1k: 0.0000375 },
};

/**
 * The Gemini models of `GEMINI_MODEL_CATALOG` as Vertex AI serves them (same context windows
 * and capabilities), with Vertex AI's standard pay-as-you-go prices (USD per 1,000 tokens,
 * `pricing.tiers` included). Check https://cloud.google.com/vertex-ai/generative-ai/pricing for
 * current prices.
 */
export const VERTEX_MODEL_CATALOG: readonly ModelInfo[] = Object.freeze(
  GEMINI_MODEL_CATALOG.map((model) => {
    const pricing = VERTEX_PRICE_OVERRIDES[model.id];
    return pricing === undefined ? model : { ...model, pricing };
  }),
);
