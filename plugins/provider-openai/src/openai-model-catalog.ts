import type { ModelInfo } from '@hub/core';
import { findCatalogModel } from '@hub/provider-utils';

const CHAT = { streaming: true, tools: true, vision: true, json: true, reasoning: false } as const;
const REASONING = { streaming: true, tools: true, vision: true, json: true, reasoning: true } as const;
const EMBEDDING = {
  streaming: false,
  tools: false,
  vision: false,
  json: false,
  reasoning: false,
  embedding: true,
} as const;
// OpenAI serves the -pro models without streaming
const REASONING_NO_STREAM = {
  streaming: false,
  tools: true,
  vision: true,
  json: true,
  reasoning: true,
} as const;
const REASONING_TEXT_ONLY = {
  streaming: true,
  tools: true,
  vision: false,
  json: true,
  reasoning: true,
} as const;

// `per 1M tokens` list prices divided by 1000
const perThousand = (input: number, cached: number, output: number) => ({
  inputPer1k: input / 1000,
  cachedInputPer1k: cached / 1000,
  outputPer1k: output / 1000,
});

/**
 * The models this package knows, with context window, output limit, capabilities and list prices
 * in US dollars per 1,000 tokens (input, cached input, output) from OpenAI's pricing page for the
 * standard tier. `capabilities.reasoning` marks the reasoning models (o-series, gpt-5 family);
 * `capabilities.embedding` the embedding models, whose `embedding` gives the vector length,
 * whether `dimensions` may shorten it and the longest input (prices are per input token).
 *
 * `getMetadata` reports these merged with the ids `GET /models` lists; prices change, so treat
 * them as estimates and override them with your own catalog when billing depends on them.
 */
export const OPENAI_MODEL_CATALOG: readonly ModelInfo[] = Object.freeze([
  {
    id: 'gpt-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: CHAT,
    pricing: perThousand(2.5, 1.25, 10),
  },
  {
    id: 'gpt-4o-mini',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: CHAT,
    pricing: perThousand(0.15, 0.075, 0.6),
  },
  {
    id: 'gpt-4.1',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    capabilities: CHAT,
    pricing: perThousand(2, 0.5, 8),
  },
  {
    id: 'gpt-4.1-mini',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    capabilities: CHAT,
    pricing: perThousand(0.4, 0.1, 1.6),
  },
  {
    id: 'gpt-4.1-nano',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    capabilities: CHAT,
    pricing: perThousand(0.1, 0.025, 0.4),
  },
  {
    id: 'o3',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    capabilities: REASONING,
    pricing: perThousand(2, 0.5, 8),
  },
  {
    id: 'o3-mini',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    capabilities: REASONING_TEXT_ONLY,
    pricing: perThousand(1.1, 0.55, 4.4),
  },
  {
    id: 'o4-mini',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    capabilities: REASONING,
    pricing: perThousand(1.1, 0.275, 4.4),
  },
  {
    id: 'gpt-5',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    capabilities: REASONING,
    pricing: perThousand(1.25, 0.125, 10),
  },
  {
    id: 'gpt-5-mini',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    capabilities: REASONING,
    pricing: perThousand(0.25, 0.025, 2),
  },
  {
    id: 'gpt-5-nano',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    capabilities: REASONING,
    pricing: perThousand(0.05, 0.005, 0.4),
  },
  // served only on the Responses API (see RESPONSES_ONLY_MODELS)
  {
    id: 'gpt-5-codex',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    capabilities: REASONING,
    pricing: perThousand(1.25, 0.125, 10),
  },
  {
    id: 'gpt-5-pro',
    contextWindow: 400_000,
    maxOutputTokens: 272_000,
    capabilities: REASONING_NO_STREAM,
    pricing: { inputPer1k: 0.015, outputPer1k: 0.12 },
  },
  {
    id: 'o3-pro',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    capabilities: REASONING_NO_STREAM,
    pricing: { inputPer1k: 0.02, outputPer1k: 0.08 },
  },
  {
    id: 'o1-pro',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    capabilities: REASONING_NO_STREAM,
    pricing: { inputPer1k: 0.15, outputPer1k: 0.6 },
  },
  {
    id: 'codex-mini-latest',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    capabilities: REASONING_TEXT_ONLY,
    pricing: perThousand(1.5, 0.375, 6),
  },
  // embeddings: OpenAI documents 8,192 input tokens per input for all three
  {
    id: 'text-embedding-3-small',
    contextWindow: 8192,
    capabilities: EMBEDDING,
    embedding: { dimensions: 1536, flexibleDimensions: true, maxInputTokens: 8192 },
    pricing: { inputPer1k: 0.00002, outputPer1k: 0 },
  },
  {
    id: 'text-embedding-3-large',
    contextWindow: 8192,
    capabilities: EMBEDDING,
    embedding: { dimensions: 3072, flexibleDimensions: true, maxInputTokens: 8192 },
    pricing: { inputPer1k: 0.00013, outputPer1k: 0 },
  },
  {
    id: 'text-embedding-ada-002',
    contextWindow: 8192,
    capabilities: EMBEDDING,
    embedding: { dimensions: 1536, flexibleDimensions: false, maxInputTokens: 8192 },
    pricing: { inputPer1k: 0.0001, outputPer1k: 0 },
  },
]);

/** Whether `model` is an embedding model of the catalog (or a snapshot of one). */
export function isEmbeddingModel(model: string): boolean {
  return findCatalogModel(model, OPENAI_MODEL_CATALOG)?.capabilities.embedding === true;
}

/**
 * The vector length of a catalog embedding model that cannot shorten its vectors
 * (`text-embedding-ada-002`: 1536); `undefined` for flexible or unknown models.
 */
export function fixedEmbeddingDimensions(model: string): number | undefined {
  const embedding = findCatalogModel(model, OPENAI_MODEL_CATALOG)?.embedding;
  return embedding !== undefined && embedding.flexibleDimensions !== true ? embedding.dimensions : undefined;
}

/**
 * The catalog models OpenAI serves only on the Responses API (Chat Completions answers them with
 * an error): requests for them go to `POST /responses` unless `api` says otherwise. Dated
 * snapshots (`o3-pro-2025-06-10`) count as their family.
 */
export const RESPONSES_ONLY_MODELS: readonly ModelInfo[] = Object.freeze(
  OPENAI_MODEL_CATALOG.filter((model) =>
    ['gpt-5-codex', 'gpt-5-pro', 'o3-pro', 'o1-pro', 'codex-mini-latest'].includes(model.id),
  ),
);

/** Whether `model` (or the family of a dated snapshot) is served only on the Responses API. */
export function isServedOnlyOnResponses(model: string): boolean {
  return findCatalogModel(model, RESPONSES_ONLY_MODELS) !== undefined;
}
