import type { ModelInfo } from '@hub/core';
import { defineHttpProvider, type HttpClientOptions, type HttpProvider } from '@hub/provider-utils';
import { configuredDeadlines } from './configured-deadlines.js';
import { countTokensCall } from './count-tokens-call.js';
import { chatCompletionsSpec } from './create-chat-completions-provider.js';
import type { EmbeddingsOptions } from './embeddings-options.js';
import { OPENAI_STATUS_OVERRIDES } from './map-openai-error.js';
import { type OpenAIConfigInput, openAIConfig } from './openai-config.js';
import { fixedEmbeddingDimensions, isEmbeddingModel, OPENAI_MODEL_CATALOG } from './openai-model-catalog.js';
import { responsesCalls } from './responses-calls.js';
import { selectCompletionCalls } from './select-completion-calls.js';

/** Options of `createOpenAIProvider` and `openai()`: the configuration plus what cannot be serialized. */
export type OpenAIProviderOptions = {
  readonly [Field in keyof OpenAIConfigInput]?: OpenAIConfigInput[Field] | undefined;
} & {
  /** Replaces the built-in model catalog (for your own prices or models). */
  readonly models?: readonly ModelInfo[] | undefined;
  /** The undici dispatcher (proxy, custom pool, `MockAgent`). Default: an own keep-alive `Agent`. */
  readonly dispatcher?: HttpClientOptions['dispatcher'] | undefined;
  /** Where `OPENAI_*` variables are read from; `{}` ignores the environment. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
};

// OpenAI documents at most 2,048 inputs and 300,000 tokens per request, and base64 encoding
const OPENAI_EMBEDDINGS: EmbeddingsOptions = Object.freeze({
  encoding: 'base64',
  batchSize: 2048,
  maxRequestTokens: 300_000,
  dimensionsField: 'dimensions',
  fixedDimensions: fixedEmbeddingDimensions,
});

// GET /models lists every model of the account; only chat and embedding models belong in metadata
const NOT_LISTED =
  /tts|whisper|dall-e|davinci|babbage|moderation|transcribe|realtime|audio|image|sora|search-api/;

/**
 * Creates the OpenAI provider. Completions go to Chat Completions (`POST /chat/completions`), or
 * to the Responses API (`POST /responses`) for the models served only there, or for every model
 * with `api: 'responses'` (`api: 'chat'` forces Chat Completions). Explicit options win over
 * `OPENAI_*` environment variables; the result is validated once, here, so the request path never
 * parses config. `embed` serves the embedding models, `countTokens` counts with
 * `POST /v1/responses/input_tokens` (`exact: true`). Requests carry
 * `Authorization: Bearer <apiKey>`, plus `OpenAI-Organization` and `OpenAI-Project` when
 * configured, and `X-Client-Request-Id` when a call has a `requestId`.
 *
 * @param options - Configuration (see `openAIConfig` for fields, defaults and variables).
 * @returns The provider (`providerId` `openai` unless configured otherwise).
 * @throws ConfigError listing every invalid field (a missing key, a malformed base URL, a
 *   non-positive timeout, the removed `maxRetries`) without echoing secret values.
 */
export function createOpenAIProvider(options: OpenAIProviderOptions = {}): HttpProvider {
  const { models, dispatcher, env, ...input } = options;
  const config = openAIConfig.resolve(input, env ?? process.env);
  const headers: Record<string, string> = { ...config.headers, authorization: `Bearer ${config.apiKey}` };
  if (config.organization !== undefined) headers['openai-organization'] = config.organization;
  if (config.project !== undefined) headers['openai-project'] = config.project;
  const { spec, transport } = chatCompletionsSpec({
    providerId: config.providerId,
    displayName: 'OpenAI',
    baseUrl: config.baseUrl,
    headers,
    models: models ?? OPENAI_MODEL_CATALOG,
    includeListedModel: (id) => !NOT_LISTED.test(id),
    requestIdHeader: 'x-client-request-id',
    statusOverrides: OPENAI_STATUS_OVERRIDES,
    embeddings: OPENAI_EMBEDDINGS,
    ...configuredDeadlines(config),
    dispatcher,
    validateConfig: (candidate) => openAIConfig.check(candidate),
  });
  const completions = selectCompletionCalls(spec, responsesCalls(transport), config.api);
  return defineHttpProvider({
    ...spec,
    sendCompletion: completions.sendCompletion,
    streamCompletion: completions.streamCompletion,
    countTokens: countTokensCall(transport, { uncountable: isEmbeddingModel }),
  });
}
