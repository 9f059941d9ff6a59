import type { ChatCompletionsQuirks, EmbeddingsOptions } from '@hub/provider-openai/internal';

/** The servers `openaiCompatible({ preset })` knows. */
export type OpenAICompatiblePresetName =
  | 'ollama'
  | 'vllm'
  | 'lmstudio'
  | 'groq'
  | 'together'
  | 'fireworks'
  | 'deepseek'
  | 'mistral'
  | 'openrouter'
  | 'xai';

/** What a preset fixes: where the server is, how it authenticates and where it departs from OpenAI. */
export interface OpenAICompatiblePreset {
  readonly displayName: string;
  /** Base URL of its Chat Completions API (paths `/chat/completions`, `/models` are appended). */
  readonly baseUrl: string;
  /** Environment variable read for the key when `apiKey` is not given. */
  readonly apiKeyEnv?: string;
  /** Whether calls without a key make sense (local servers) or must be refused at configuration. */
  readonly requiresApiKey: boolean;
  readonly quirks: ChatCompletionsQuirks;
  /** How the server serves `POST /embeddings`; absent: it has none, and the provider no `embed`. */
  readonly embeddings?: EmbeddingsOptions;
}

// Compatible servers know `max_tokens` and treat no model as an OpenAI reasoning model
// (`temperature` and `max_tokens` are sent as given).
const COMMON: ChatCompletionsQuirks = { maxTokensField: 'max_tokens', isReasoningModel: () => false };

// Embeddings per server, from each one's documentation: whether it answers base64 (else number
// arrays are read), whether and how it shortens vectors, and how many inputs one request takes.
// Where a server documents no batch limit, the bound keeps one request modest.
const OLLAMA_EMBEDDINGS: EmbeddingsOptions = {
  // Ollama's OpenAI compatibility lists neither `encoding_format` nor `dimensions`
  encoding: 'float',
  batchSize: 512,
  dimensionsField: false,
};
const VLLM_EMBEDDINGS: EmbeddingsOptions = {
  // vLLM's embeddings request takes `encoding_format: "base64"` and `dimensions` (matryoshka models)
  encoding: 'base64',
  batchSize: 2048,
  dimensionsField: 'dimensions',
};
const LMSTUDIO_EMBEDDINGS: EmbeddingsOptions = { encoding: 'float', batchSize: 512, dimensionsField: false };
const MISTRAL_EMBEDDINGS: EmbeddingsOptions = {
  // Mistral takes `encoding_format` and names the length `output_dimension`; more than 256 inputs
  // are refused ("Too many inputs in request, split into more batches")
  encoding: 'base64',
  batchSize: 256,
  dimensionsField: 'output_dimension',
  sendUser: false,
};
// Together and Fireworks document number arrays only; Fireworks takes `dimensions`
const TOGETHER_EMBEDDINGS: EmbeddingsOptions = { encoding: 'float', batchSize: 256, dimensionsField: false };
const FIREWORKS_EMBEDDINGS: EmbeddingsOptions = {
  encoding: 'float',
  batchSize: 256,
  dimensionsField: 'dimensions',
};

/**
 * The presets table. `streamUsage: false` marks servers that reject or ignore
 * `stream_options.include_usage`; most of them report a stream's usage on its last chunk anyway,
 * which is read whenever it is present.
 *
 * | preset | base URL | key variable | quirks | embeddings |
 * | --- | --- | --- | --- | --- |
 * | `ollama` | `http://127.0.0.1:11434/v1` | — (local) | `max_tokens` | floats, 512 per request |
 * | `vllm` | `http://127.0.0.1:8000/v1` | `VLLM_API_KEY` (optional) | `max_tokens` | base64, `dimensions`, 2,048 |
 * | `lmstudio` | `http://127.0.0.1:1234/v1` | — (local) | `max_tokens`, no `stream_options` | floats, 512 |
 * | `groq` | `https://api.groq.com/openai/v1` | `GROQ_API_KEY` | `max_tokens` (usage also read from `x_groq`) | — |
 * | `together` | `https://api.together.xyz/v1` | `TOGETHER_API_KEY` | `max_tokens`, no `stream_options` | floats, 256 |
 * | `fireworks` | `https://api.fireworks.ai/inference/v1` | `FIREWORKS_API_KEY` | `max_tokens`, no `stream_options` | floats, `dimensions`, 256 |
 * | `deepseek` | `https://api.deepseek.com/v1` | `DEEPSEEK_API_KEY` | `max_tokens` (`reasoning_content` read) | — |
 * | `mistral` | `https://api.mistral.ai/v1` | `MISTRAL_API_KEY` | `max_tokens`, no `stream_options`, `seed` → `random_seed`, no `user` | base64, `output_dimension`, 256 |
 * | `openrouter` | `https://openrouter.ai/api/v1` | `OPENROUTER_API_KEY` | `max_tokens` (`reasoning` read) | — |
 * | `xai` | `https://api.x.ai/v1` | `XAI_API_KEY` | `max_tokens` | — |
 */
export const OPENAI_COMPATIBLE_PRESETS: Readonly<Record<OpenAICompatiblePresetName, OpenAICompatiblePreset>> =
  Object.freeze({
    ollama: {
      displayName: 'Ollama',
      baseUrl: 'http://127.0.0.1:11434/v1',
      requiresApiKey: false,
      quirks: COMMON,
      embeddings: OLLAMA_EMBEDDINGS,
    },
    vllm: {
      displayName: 'vLLM',
      baseUrl: 'http://127.0.0.1:8000/v1',
      apiKeyEnv: 'VLLM_API_KEY',
      requiresApiKey: false,
      quirks: COMMON,
      embeddings: VLLM_EMBEDDINGS,
    },
    lmstudio: {
      displayName: 'LM Studio',
      baseUrl: 'http://127.0.0.1:1234/v1',
      requiresApiKey: false,
      quirks: { ...COMMON, streamUsage: false },
      embeddings: LMSTUDIO_EMBEDDINGS,
    },
    groq: {
      displayName: 'Groq',
      baseUrl: 'https://api.groq.com/openai/v1',
      apiKeyEnv: 'GROQ_API_KEY',
      requiresApiKey: true,
      quirks: COMMON,
    },
    together: {
      displayName: 'Together AI',
      baseUrl: 'https://api.together.xyz/v1',
      apiKeyEnv: 'TOGETHER_API_KEY',
      requiresApiKey: true,
      quirks: { ...COMMON, streamUsage: false },
      embeddings: TOGETHER_EMBEDDINGS,
    },
    fireworks: {
      displayName: 'Fireworks AI',
      baseUrl: 'https://api.fireworks.ai/inference/v1',
      apiKeyEnv: 'FIREWORKS_API_KEY',
      requiresApiKey: true,
      quirks: { ...COMMON, streamUsage: false },
      embeddings: FIREWORKS_EMBEDDINGS,
    },
    deepseek: {
      displayName: 'DeepSeek',
      baseUrl: 'https://api.deepseek.com/v1',
      apiKeyEnv: 'DEEPSEEK_API_KEY',
      requiresApiKey: true,
      quirks: COMMON,
    },
    mistral: {
      displayName: 'Mistral AI',
      baseUrl: 'https://api.mistral.ai/v1',
      apiKeyEnv: 'MISTRAL_API_KEY',
      requiresApiKey: true,
      quirks: { ...COMMON, streamUsage: false, renameFields: { seed: 'random_seed' }, omitFields: ['user'] },
      embeddings: MISTRAL_EMBEDDINGS,
    },
    openrouter: {
      displayName: 'OpenRouter',
      baseUrl: 'https://openrouter.ai/api/v1',
      apiKeyEnv: 'OPENROUTER_API_KEY',
      requiresApiKey: true,
      quirks: COMMON,
    },
    xai: {
      displayName: 'xAI',
      baseUrl: 'https://api.x.ai/v1',
      apiKeyEnv: 'XAI_API_KEY',
      requiresApiKey: true,
      quirks: COMMON,
    },
  });
