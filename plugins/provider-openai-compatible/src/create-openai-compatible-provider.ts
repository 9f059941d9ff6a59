import { ConfigError, type ModelInfo } from '@hub/core';
import {
  type ChatCompletionsQuirks,
  configuredDeadlines,
  createChatCompletionsProvider,
  type EmbeddingsOptions,
} from '@hub/provider-openai/internal';
import { type HttpClientOptions, type HttpProvider, readEnv } from '@hub/provider-utils';
import { type OpenAICompatibleConfigInput, openAICompatibleConfig } from './openai-compatible-config.js';
import { OPENAI_COMPATIBLE_PRESETS } from './openai-compatible-presets.js';

/** Options of `createOpenAICompatibleProvider` and `openaiCompatible()`. */
export type OpenAICompatibleOptions = {
  readonly [Field in keyof OpenAICompatibleConfigInput]?: OpenAICompatibleConfigInput[Field] | undefined;
} & {
  /**
   * Models with context windows, capabilities and prices, reported by `getMetadata` (ids the
   * server lists beyond these get conservative defaults and no prices). Default: none.
   */
  readonly models?: readonly ModelInfo[] | undefined;
  /** Overrides of the preset's quirks (see `ChatCompletionsQuirks`). */
  readonly quirks?: ChatCompletionsQuirks | undefined;
  /**
   * How the server serves `POST /embeddings`, over the preset's (see the presets table); `false`
   * turns embeddings off. A server without a preset embeds only when this is given.
   */
  readonly embeddings?: Partial<EmbeddingsOptions> | false | undefined;
  /** The undici dispatcher (proxy, custom pool, `MockAgent`). */
  readonly dispatcher?: HttpClientOptions['dispatcher'] | undefined;
  /** Where the preset's key variable is read from; `{}` ignores the environment. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
};

// the preset's embeddings with the caller's changes; complete options only (a server without a
// preset names at least encoding, batchSize and dimensionsField)
function embeddingsOf(
  preset: EmbeddingsOptions | undefined,
  given: Partial<EmbeddingsOptions> | false | undefined,
): EmbeddingsOptions | undefined {
  if (given === false) return undefined;
  const merged = { ...preset, ...given };
  if (
    merged.encoding === undefined ||
    merged.batchSize === undefined ||
    merged.dimensionsField === undefined
  ) {
    if (given === undefined) return undefined;
    throw ConfigError.fromIssues('OpenAI-compatible provider options', [
      {
        path: 'embeddings',
        message: 'needs encoding, batchSize and dimensionsField for a server without an embeddings preset',
      },
    ]);
  }
  return merged as EmbeddingsOptions;
}

/**
 * Creates a provider for an OpenAI-compatible Chat Completions server, reusing the OpenAI
 * provider's mapping (`createChatCompletionsProvider`) with the preset's base URL, key variable
 * and quirks. The provider id defaults to the preset name; give each instance its own
 * `providerId` to register several (two Ollama hosts, a vLLM per model) in one hub. Requests send
 * `Authorization: Bearer <apiKey>` when a key is configured.
 *
 * @param options - `preset`, or `providerId` and `baseUrl`; key, headers, models, quirks.
 * @returns The provider.
 * @throws ConfigError naming each invalid field (unknown preset, missing key of a hosted preset,
 *   malformed base URL, …), without echoing secret values.
 */
export function createOpenAICompatibleProvider(options: OpenAICompatibleOptions = {}): HttpProvider {
  const { models, quirks, embeddings, dispatcher, env, ...input } = options;
  const preset = typeof input.preset === 'string' ? OPENAI_COMPATIBLE_PRESETS[input.preset] : undefined;
  const keyFromEnv =
    input.apiKey === undefined && preset?.apiKeyEnv !== undefined
      ? readEnv(env ?? process.env, preset.apiKeyEnv)
      : undefined;
  // the preset's key variable is the only one read; the configuration itself has none
  const config = openAICompatibleConfig.resolve({ ...input, apiKey: input.apiKey ?? keyFromEnv }, {});
  // validation guarantees a preset or both providerId and baseUrl
  const providerId = config.providerId ?? (config.preset as string);
  const headers: Record<string, string> = { ...config.headers };
  if (config.apiKey !== undefined) headers.authorization = `Bearer ${config.apiKey}`;
  return createChatCompletionsProvider({
    providerId,
    displayName: preset?.displayName ?? providerId,
    baseUrl: config.baseUrl ?? (preset?.baseUrl as string),
    headers,
    models: models ?? [],
    listModels: config.listModels,
    quirks: { ...preset?.quirks, ...quirks },
    embeddings: embeddingsOf(preset?.embeddings, embeddings),
    ...configuredDeadlines(config),
    dispatcher,
    validateConfig: (candidate) => openAICompatibleConfig.check(candidate),
  });
}
