import type { LLMProvider, ModelInfo } from '@hub/core';
import type { HttpClientOptions } from '@hub/provider-utils';
import { chatCompletionsDeadlines } from './chat-completions-deadlines.js';
import { createChatCompletionsProvider } from './create-chat-completions-provider.js';
import { defined, type OptionalFields } from './internal/defined.js';
import { type OpenAIConfigInput, openAIConfig } from './openai-config.js';
import { OPENAI_MODEL_CATALOG } from './openai-model-catalog.js';

/** Options of `createOpenAIProvider` and `openai()`: the configuration plus what cannot be serialized. */
export interface OpenAIProviderOptions extends OptionalFields<OpenAIConfigInput> {
  /** Replaces the built-in model catalog (for your own prices or models). */
  readonly models?: readonly ModelInfo[];
  /** The undici dispatcher (proxy, custom pool, `MockAgent`). Default: an own keep-alive `Agent`. */
  readonly dispatcher?: HttpClientOptions['dispatcher'];
  /** Where `OPENAI_*` variables are read from; `{}` ignores the environment. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

// GET /models lists every model of the account; only chat models belong in a chat provider's metadata
const NOT_A_CHAT_MODEL =
  /embedding|tts|whisper|dall-e|davinci|babbage|moderation|transcribe|realtime|audio|image|sora|search-api/;

/**
 * Creates the OpenAI Chat Completions provider. Explicit options win over `OPENAI_*` environment
 * variables; the result is validated once, here, so the request path never parses config.
 * Requests carry `Authorization: Bearer <apiKey>`, plus `OpenAI-Organization` and
 * `OpenAI-Project` when configured, and `X-Client-Request-Id` when a call has a `requestId`.
 *
 * @param options - Configuration (see `openAIConfig` for fields, defaults and variables).
 * @returns The provider (`providerId` `openai` unless configured otherwise).
 * @throws ConfigError listing every invalid field (a missing key, a malformed base URL, a
 *   non-positive timeout) without echoing secret values.
 */
export function createOpenAIProvider(options: OpenAIProviderOptions = {}): LLMProvider {
  const { models, dispatcher, env, ...input } = options;
  const config = openAIConfig.validate({ ...openAIConfig.fromEnv(env ?? process.env), ...defined(input) });
  const headers: Record<string, string> = { ...config.headers, authorization: `Bearer ${config.apiKey}` };
  if (config.organization !== undefined) headers['openai-organization'] = config.organization;
  if (config.project !== undefined) headers['openai-project'] = config.project;
  return createChatCompletionsProvider({
    providerId: config.providerId,
    displayName: 'OpenAI',
    baseUrl: config.baseUrl,
    headers,
    models: models ?? OPENAI_MODEL_CATALOG,
    includeListedModel: (id) => !NOT_A_CHAT_MODEL.test(id),
    requestIdHeader: 'x-client-request-id',
    ...chatCompletionsDeadlines(config),
    maxRetries: config.maxRetries,
    ...(dispatcher !== undefined && { dispatcher }),
    validateConfig: (candidate) => openAIConfig.check(candidate),
  });
}
