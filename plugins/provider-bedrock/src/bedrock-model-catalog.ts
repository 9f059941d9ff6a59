import type { ModelCapabilities, ModelInfo } from '@hub/core';

/** Geographies of AWS's system-defined cross-region inference profiles (`us.`, `eu.`, …). */
export type InferenceProfileGeography = 'us' | 'eu' | 'apac' | 'global';

/** A catalog entry: a base model plus the cross-region inference profiles AWS defines for it. */
export interface BedrockModelInfo extends ModelInfo {
  /**
   * Geographies with a system-defined inference profile (`us.` + the model id, …). Models that
   * newer regions serve only through a profile must be called with the profile id.
   */
  readonly inferenceProfiles: readonly InferenceProfileGeography[];
}

// Bedrock on-demand prices in US dollars per 1,000 tokens (AWS lists them per 1,000 or per
// million tokens; the latter are divided by 1,000). Cache writes are the 5-minute cache price.
const CLAUDE_OPUS = {
  inputPer1k: 0.015,
  outputPer1k: 0.075,
  cachedInputPer1k: 0.0015,
  cacheWriteInputPer1k: 0.01875,
};
const CLAUDE_SONNET = {
  inputPer1k: 0.003,
  outputPer1k: 0.015,
  cachedInputPer1k: 0.0003,
  cacheWriteInputPer1k: 0.00375,
};
const CLAUDE_HAIKU_4_5 = {
  inputPer1k: 0.001,
  outputPer1k: 0.005,
  cachedInputPer1k: 0.0001,
  cacheWriteInputPer1k: 0.00125,
};
const CLAUDE_HAIKU_3_5 = {
  inputPer1k: 0.0008,
  outputPer1k: 0.004,
  cachedInputPer1k: 0.00008,
  cacheWriteInputPer1k: 0.001,
};

// `json` is true for every model: JSON output is requested through a system instruction, which
// every chat model follows (see the README); `reasoning` means extended thinking
const CLAUDE_THINKING: ModelCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  json: true,
  reasoning: true,
};
const CLAUDE_VISION: ModelCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  json: true,
  reasoning: false,
};
const TEXT_TOOLS: ModelCapabilities = {
  streaming: true,
  tools: true,
  vision: false,
  json: true,
  reasoning: false,
};
const VISION_TOOLS: ModelCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  json: true,
  reasoning: false,
};
const TEXT_ONLY: ModelCapabilities = {
  streaming: true,
  tools: false,
  vision: false,
  json: true,
  reasoning: false,
};

// embedding models complete nothing: every chat capability is false
const EMBEDDING: ModelCapabilities = {
  streaming: false,
  tools: false,
  vision: false,
  json: false,
  reasoning: false,
  embedding: true,
};

const ALL_GEOGRAPHIES: readonly InferenceProfileGeography[] = ['us', 'eu', 'apac', 'global'];
const REGIONAL: readonly InferenceProfileGeography[] = ['us', 'eu', 'apac'];
const US_ONLY: readonly InferenceProfileGeography[] = ['us'];
const NONE: readonly InferenceProfileGeography[] = [];

// Meta documents a 2,048-token generation limit (`max_gen_len`) for Llama on Bedrock
const LLAMA_MAX_OUTPUT = 2048;

/**
 * Models this provider knows without asking AWS: context window, largest output, on-demand prices
 * in USD per 1,000 tokens (prompt-cache reads and 5-minute writes where Bedrock offers prompt
 * caching) and capabilities. Chat models Bedrock serves through the Converse API: Anthropic
 * Claude, Amazon Nova, Meta Llama 3.x and Mistral Large. Embedding models served through
 * InvokeModel: Amazon Titan Text Embeddings V2 (vectors of 1,024, 512 or 256 dimensions; any other
 * `dimensions` is refused with `invalid_request` before any I/O) and Cohere Embed v3 English and
 * Multilingual (1,024 dimensions). Ids are base model ids; requests may also use a cross-region
 * inference profile id (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`), which `findBedrockModel`
 * resolves to the same entry.
 *
 * Prices are the public list prices at the time of writing and do not include regional
 * surcharges, batch or provisioned-throughput pricing.
 */
export const BEDROCK_MODEL_CATALOG: readonly BedrockModelInfo[] = Object.freeze([
  {
    id: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: CLAUDE_THINKING,
    pricing: CLAUDE_SONNET,
    inferenceProfiles: ALL_GEOGRAPHIES,
  },
  {
    id: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: CLAUDE_THINKING,
    pricing: CLAUDE_HAIKU_4_5,
    inferenceProfiles: ALL_GEOGRAPHIES,
  },
  {
    id: 'anthropic.claude-opus-4-1-20250805-v1:0',
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    capabilities: CLAUDE_THINKING,
    pricing: CLAUDE_OPUS,
    inferenceProfiles: US_ONLY,
  },
  {
    id: 'anthropic.claude-opus-4-20250514-v1:0',
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    capabilities: CLAUDE_THINKING,
    pricing: CLAUDE_OPUS,
    inferenceProfiles: US_ONLY,
  },
  {
    id: 'anthropic.claude-sonnet-4-20250514-v1:0',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: CLAUDE_THINKING,
    pricing: CLAUDE_SONNET,
    inferenceProfiles: ALL_GEOGRAPHIES,
  },
  {
    id: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: CLAUDE_THINKING,
    pricing: CLAUDE_SONNET,
    inferenceProfiles: REGIONAL,
  },
  {
    id: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    contextWindow: 200_000,
    maxOutputTokens: 8192,
    capabilities: CLAUDE_VISION,
    pricing: { inputPer1k: 0.003, outputPer1k: 0.015 },
    inferenceProfiles: ['us', 'apac'],
  },
  {
    id: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    contextWindow: 200_000,
    maxOutputTokens: 8192,
    // Claude 3.5 Haiku takes no images on Bedrock
    capabilities: TEXT_TOOLS,
    pricing: CLAUDE_HAIKU_3_5,
    inferenceProfiles: US_ONLY,
  },
  {
    id: 'anthropic.claude-3-haiku-20240307-v1:0',
    contextWindow: 200_000,
    maxOutputTokens: 4096,
    capabilities: CLAUDE_VISION,
    pricing: { inputPer1k: 0.00025, outputPer1k: 0.00125 },
    inferenceProfiles: REGIONAL,
  },
  {
    id: 'amazon.nova-pro-v1:0',
    contextWindow: 300_000,
    maxOutputTokens: 10_000,
    capabilities: VISION_TOOLS,
    pricing: { inputPer1k: 0.0008, outputPer1k: 0.0032, cachedInputPer1k: 0.0002 },
    inferenceProfiles: REGIONAL,
  },
  {
    id: 'amazon.nova-lite-v1:0',
    contextWindow: 300_000,
    maxOutputTokens: 10_000,
    capabilities: VISION_TOOLS,
    pricing: { inputPer1k: 0.00006, outputPer1k: 0.00024, cachedInputPer1k: 0.000015 },
    inferenceProfiles: REGIONAL,
  },
  {
    id: 'amazon.nova-micro-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: 10_000,
    capabilities: TEXT_TOOLS,
    pricing: { inputPer1k: 0.000035, outputPer1k: 0.00014, cachedInputPer1k: 0.00000875 },
    inferenceProfiles: REGIONAL,
  },
  {
    id: 'meta.llama3-3-70b-instruct-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: TEXT_TOOLS,
    pricing: { inputPer1k: 0.00072, outputPer1k: 0.00072 },
    inferenceProfiles: US_ONLY,
  },
  {
    id: 'meta.llama3-2-90b-instruct-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: VISION_TOOLS,
    pricing: { inputPer1k: 0.00072, outputPer1k: 0.00072 },
    inferenceProfiles: US_ONLY,
  },
  {
    id: 'meta.llama3-2-11b-instruct-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: VISION_TOOLS,
    pricing: { inputPer1k: 0.00016, outputPer1k: 0.00016 },
    inferenceProfiles: US_ONLY,
  },
  {
    id: 'meta.llama3-2-3b-instruct-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: TEXT_ONLY,
    pricing: { inputPer1k: 0.00015, outputPer1k: 0.00015 },
    inferenceProfiles: ['us', 'eu'],
  },
  {
    id: 'meta.llama3-2-1b-instruct-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: TEXT_ONLY,
    pricing: { inputPer1k: 0.0001, outputPer1k: 0.0001 },
    inferenceProfiles: ['us', 'eu'],
  },
  {
    id: 'meta.llama3-1-405b-instruct-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: TEXT_TOOLS,
    pricing: { inputPer1k: 0.0024, outputPer1k: 0.0024 },
    inferenceProfiles: NONE,
  },
  {
    id: 'meta.llama3-1-70b-instruct-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: TEXT_TOOLS,
    pricing: { inputPer1k: 0.00072, outputPer1k: 0.00072 },
    inferenceProfiles: US_ONLY,
  },
  {
    id: 'meta.llama3-1-8b-instruct-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: TEXT_TOOLS,
    pricing: { inputPer1k: 0.00022, outputPer1k: 0.00022 },
    inferenceProfiles: US_ONLY,
  },
  {
    id: 'meta.llama3-70b-instruct-v1:0',
    contextWindow: 8192,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: TEXT_ONLY,
    pricing: { inputPer1k: 0.00265, outputPer1k: 0.0035 },
    inferenceProfiles: NONE,
  },
  {
    id: 'meta.llama3-8b-instruct-v1:0',
    contextWindow: 8192,
    maxOutputTokens: LLAMA_MAX_OUTPUT,
    capabilities: TEXT_ONLY,
    pricing: { inputPer1k: 0.0003, outputPer1k: 0.0006 },
    inferenceProfiles: NONE,
  },
  {
    id: 'mistral.mistral-large-2407-v1:0',
    contextWindow: 128_000,
    maxOutputTokens: 8192,
    capabilities: TEXT_TOOLS,
    pricing: { inputPer1k: 0.002, outputPer1k: 0.006 },
    inferenceProfiles: NONE,
  },
  {
    id: 'mistral.mistral-large-2402-v1:0',
    contextWindow: 32_000,
    maxOutputTokens: 8192,
    capabilities: TEXT_TOOLS,
    pricing: { inputPer1k: 0.004, outputPer1k: 0.012 },
    inferenceProfiles: NONE,
  },
  {
    id: 'amazon.titan-embed-text-v2:0',
    // one input of up to 8,192 tokens (or 50,000 characters) per request
    contextWindow: 8192,
    capabilities: EMBEDDING,
    embedding: { dimensions: 1024, flexibleDimensions: true, maxInputTokens: 8192 },
    pricing: { inputPer1k: 0.00002, outputPer1k: 0 },
    inferenceProfiles: NONE,
  },
  {
    id: 'cohere.embed-english-v3',
    // Cohere recommends inputs under 512 tokens; each text may hold at most 2,048 characters
    contextWindow: 512,
    capabilities: EMBEDDING,
    embedding: { dimensions: 1024, maxInputTokens: 512 },
    pricing: { inputPer1k: 0.0001, outputPer1k: 0 },
    inferenceProfiles: NONE,
  },
  {
    id: 'cohere.embed-multilingual-v3',
    contextWindow: 512,
    capabilities: EMBEDDING,
    embedding: { dimensions: 1024, maxInputTokens: 512 },
    pricing: { inputPer1k: 0.0001, outputPer1k: 0 },
    inferenceProfiles: NONE,
  },
]);
