import {
  type EmbeddingModelV3,
  type ImageModelV3,
  type LanguageModelV3,
  NoSuchModelError,
  type ProviderV3,
} from '@ai-sdk/provider';
import { ConfigError, type ConfigIssue, DEFAULT_REQUEST_LIMITS, type Hub } from '@hub/core';
import { createHubEmbeddingModel } from './hub-embedding-model.js';
import { createHubLanguageModel } from './hub-language-model.js';
import type { HubProviderSettings } from './hub-provider-settings.js';
import { isRecord } from './internal/is-record.js';

/**
 * The hub as an AI SDK provider (specification v3, AI SDK 6). Call it with a model id, or use
 * `languageModel(id)`; ids are what the hub resolves: a route alias (`default`) or a
 * `provider/model` address (`openai/gpt-4o-mini`).
 */
export interface HubProvider extends ProviderV3 {
  /** The language model for a route alias or `provider/model` address. */
  (modelId: string): LanguageModelV3;
  /** The language model for a route alias or `provider/model` address. */
  languageModel(modelId: string): LanguageModelV3;
  /** The embedding model for a route alias or `provider/model` address, backed by `hub.embed`. */
  embeddingModel(modelId: string): EmbeddingModelV3;
  /** The same as `embeddingModel` (the name AI SDK 5 used). */
  textEmbeddingModel(modelId: string): EmbeddingModelV3;
  /**
   * The hub has no image models.
   *
   * @throws NoSuchModelError always.
   */
  imageModel(modelId: string): ImageModelV3;
}

/**
 * Creates an AI SDK provider backed by `hub`: `generateText`, `streamText`, structured output,
 * tool calling and `embed` / `embedMany` then run through the hub's routes, fallback, retry,
 * circuit breakers, cache, rate limits, metrics and cost. Models are created on demand and hold
 * no state; the hub stays the caller's to `close()`.
 *
 * @example
 * ```ts
 * const hub = createHub({ plugins: [openai(), anthropic()], routes: { default: ['openai/gpt-4o-mini', 'anthropic/claude-3-5-haiku-latest'] } });
 * const provider = createHubProvider(hub);
 * const { text } = await generateText({ model: provider('default'), prompt: 'Hello' });
 * ```
 *
 * @param hub - A hub from `createHub`.
 * @param settings - Provider name, default metadata, URL support and embedding batch size.
 * @throws ConfigError naming each invalid setting (or a `hub` that is not a hub), before any I/O.
 */
export function createHubProvider(hub: Hub, settings: HubProviderSettings = {}): HubProvider {
  checkSettings(hub, settings);
  const provider = settings.name ?? 'hub';
  const metadata = settings.metadata === undefined ? {} : { metadata: { ...settings.metadata } };
  const supportedUrls: Record<string, RegExp[]> = {};
  for (const [mediaType, patterns] of Object.entries(settings.supportedUrls ?? {}))
    supportedUrls[mediaType] = [...patterns];
  const maxEmbeddingsPerCall = settings.maxEmbeddingsPerCall ?? DEFAULT_REQUEST_LIMITS.maxEmbeddingInputs;

  const languageModel = (modelId: string): LanguageModelV3 => {
    checkModelId(modelId, 'languageModel');
    return createHubLanguageModel(hub, modelId, { provider, supportedUrls, ...metadata });
  };
  const embeddingModel = (modelId: string): EmbeddingModelV3 => {
    checkModelId(modelId, 'embeddingModel');
    return createHubEmbeddingModel(hub, modelId, { provider, maxEmbeddingsPerCall, ...metadata });
  };
  const callable = (modelId: string): LanguageModelV3 => languageModel(modelId);
  return Object.assign(callable, {
    specificationVersion: 'v3' as const,
    languageModel,
    embeddingModel,
    textEmbeddingModel: embeddingModel,
    imageModel(modelId: string): ImageModelV3 {
      throw new NoSuchModelError({
        modelId,
        modelType: 'imageModel',
        message: `The hub has no image models (asked for "${modelId}").`,
      });
    },
  });
}

function checkModelId(modelId: unknown, modelType: 'languageModel' | 'embeddingModel'): void {
  if (typeof modelId !== 'string' || modelId.trim() === '') {
    throw new NoSuchModelError({
      modelId: String(modelId),
      modelType,
      message: 'A hub model id must be a non-empty route alias or provider/model address.',
    });
  }
}

function checkSettings(hub: Hub, settings: HubProviderSettings): void {
  const issues: ConfigIssue[] = [];
  const candidate = hub as unknown as Record<string, unknown> | undefined;
  if (
    !isRecord(candidate) ||
    typeof candidate.complete !== 'function' ||
    typeof candidate.stream !== 'function' ||
    typeof candidate.embed !== 'function'
  ) {
    issues.push({ path: 'hub', message: 'must be a hub from createHub (with complete, stream and embed)' });
  }
  if (!isRecord(settings)) {
    issues.push({ path: 'settings', message: 'must be an object' });
    throw ConfigError.fromIssues('@hub/ai-sdk settings', issues);
  }
  if (settings.name !== undefined && (typeof settings.name !== 'string' || settings.name.trim() === ''))
    issues.push({ path: 'name', message: 'must be a non-empty string' });
  if (settings.metadata !== undefined) {
    if (!isRecord(settings.metadata))
      issues.push({ path: 'metadata', message: 'must be an object of strings' });
    else {
      for (const [key, value] of Object.entries(settings.metadata))
        if (typeof value !== 'string') issues.push({ path: `metadata.${key}`, message: 'must be a string' });
    }
  }
  if (settings.supportedUrls !== undefined) {
    if (!isRecord(settings.supportedUrls))
      issues.push({ path: 'supportedUrls', message: 'must map media types to arrays of RegExp' });
    else {
      for (const [mediaType, patterns] of Object.entries(settings.supportedUrls)) {
        if (!Array.isArray(patterns) || !patterns.every((pattern) => pattern instanceof RegExp))
          issues.push({ path: `supportedUrls.${mediaType}`, message: 'must be an array of RegExp' });
      }
    }
  }
  const max = settings.maxEmbeddingsPerCall;
  if (max !== undefined && !(typeof max === 'number' && Number.isInteger(max) && max > 0))
    issues.push({ path: 'maxEmbeddingsPerCall', message: 'must be a positive integer' });
  if (issues.length > 0) throw ConfigError.fromIssues('@hub/ai-sdk settings', issues);
}
