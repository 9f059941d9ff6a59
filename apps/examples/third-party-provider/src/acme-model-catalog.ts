import type { ModelInfo } from '@hub/core';

/** The models Acme serves, with context window, capabilities and prices per 1,000 tokens. */
export const ACME_MODEL_CATALOG: readonly ModelInfo[] = Object.freeze([
  {
    id: 'acme-small',
    contextWindow: 32_000,
    maxOutputTokens: 4096,
    capabilities: { streaming: true, tools: false, vision: false, json: false },
    pricing: { inputPer1k: 0.0002, outputPer1k: 0.0006 },
  },
]);
