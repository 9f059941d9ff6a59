import type { LLMProvider, ModelInfo } from '@hub/core';
import {
  type ChatCompletionsQuirks,
  chatCompletionsDeadlines,
  createChatCompletionsProvider,
} from '@hub/provider-openai';
import { type HttpClientOptions, readEnv } from '@hub/provider-utils';
import { defined, type OptionalFields } from './internal/defined.js';
import { type OpenAICompatibleConfigInput, openAICompatibleConfig } from './openai-compatible-config.js';
import { OPENAI_COMPATIBLE_PRESETS } from './openai-compatible-presets.js';

/** Options of `createOpenAICompatibleProvider` and `openaiCompatible()`. */
export interface OpenAICompatibleOptions extends OptionalFields<OpenAICompatibleConfigInput> {
  /**
   * Models with context windows, capabilities and prices, reported by `getMetadata` (ids the
   * server lists beyond these get conservative defaults and no prices). Default: none.
   */
  readonly models?: readonly ModelInfo[];
  /** Overrides of the preset's quirks (see `ChatCompletionsQuirks`). */
  readonly quirks?: ChatCompletionsQuirks;
  /** The undici dispatcher (proxy, custom pool, `MockAgent`). */
  readonly dispatcher?: HttpClientOptions['dispatcher'];
  /** Where the preset's key variable is read from; `{}` ignores the environment. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
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
export function createOpenAICompatibleProvider(options: OpenAICompatibleOptions = {}): LLMProvider {
  const { models, quirks, dispatcher, env, ...input } = options;
  const preset = typeof input.preset === 'string' ? OPENAI_COMPATIBLE_PRESETS[input.preset] : undefined;
  const keyFromEnv =
    input.apiKey === undefined && preset?.apiKeyEnv !== undefined
      ? readEnv(env ?? process.env, preset.apiKeyEnv)
      : undefined;
  const config = openAICompatibleConfig.validate({
    ...defined(input),
    ...(keyFromEnv !== undefined && { apiKey: keyFromEnv }),
  });
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
    ...chatCompletionsDeadlines(config),
    maxRetries: config.maxRetries,
    ...(dispatcher !== undefined && { dispatcher }),
    validateConfig: (candidate) => openAICompatibleConfig.check(candidate),
  });
}
