import type {
  CallOptions,
  CompletionRequest,
  CompletionResponse,
  EmbeddingRequest,
  EmbeddingResponse,
  LLMProvider,
  ModelInfo,
  ProviderMetadata,
  ProviderRateLimits,
  StreamChunk,
  TokenCount,
  ValidationResult,
} from '@hub/core';
import { createMetadataCache, type MetadataCache } from './create-metadata-cache.js';
import { type ListedModel, mergeModelList } from './merge-model-list.js';

/**
 * What a provider package writes: its wire-format specific calls and its catalog. Everything
 * else of `LLMProvider` (metadata caching and fallback, model-list merging, the default probe)
 * is the kit's, so every provider follows the same policy.
 */
export interface HttpProviderSpec {
  /** Stable, lowercase id (`openai`). */
  readonly providerId: string;
  /** Human-readable name for metadata (`OpenAI`). */
  readonly displayName: string;
  /** The wire API version the provider speaks, reported in metadata. */
  readonly apiVersion?: string;
  /** The built-in catalog: served as is without `listModels`, and as the fallback with it. */
  readonly catalog: readonly ModelInfo[];
  /** Documented account limits, when known. */
  readonly rateLimits?: ProviderRateLimits;
  /**
   * Lists the models the account can use (one page or all pages); merged over the catalog by
   * `mergeModelList` (or `mergeModels`). Optional: without it, metadata is the catalog.
   */
  listModels?(options: CallOptions): Promise<readonly ListedModel[]>;
  /** Replaces `mergeModelList(catalog, listed)` when the provider's list needs its own rules. */
  mergeModels?(catalog: readonly ModelInfo[], listed: readonly ListedModel[]): readonly ModelInfo[];
  /**
   * Something cheap that proves the provider answers with these credentials; rejects with the
   * `ConnectorError` it failed with. Default: `listModels`; without either, resolves (a provider
   * with nothing cheap to ask is reported healthy until calls say otherwise).
   */
  probe?(options: CallOptions): Promise<void>;
  sendCompletion(request: CompletionRequest, options?: CallOptions): Promise<CompletionResponse>;
  streamCompletion(request: CompletionRequest, options?: CallOptions): AsyncIterable<StreamChunk>;
  embed?(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse>;
  countTokens?(request: CompletionRequest, options?: CallOptions): Promise<TokenCount>;
  resolveModel?(model: string, metadata: ProviderMetadata): ModelInfo | undefined;
  validateConfig(config: unknown): ValidationResult;
  close?(): Promise<void>;
  /** Clock in ms, for metadata expiry; default `Date.now`. */
  readonly now?: () => number;
}

/** An `LLMProvider` built by `defineHttpProvider`, with its metadata cache exposed for tests. */
export interface HttpProvider extends LLMProvider {
  /** Forgets cached metadata, so the next `getMetadata` reads the model list again. */
  clearMetadata(): void;
}

/**
 * Builds a complete `LLMProvider` from a provider package's spec: `getMetadata` lists models
 * through the shared metadata cache (an hour when the list was read, the catalog for five minutes
 * when it could not be), `probe` defaults to listing models, and optional capabilities are
 * present exactly when the spec has them (so the hub can tell a provider that embeds from one
 * that does not).
 */
export function defineHttpProvider(spec: HttpProviderSpec): HttpProvider {
  const now = spec.now ?? Date.now;
  const metadataOf = (models: readonly ModelInfo[]): ProviderMetadata => ({
    providerId: spec.providerId,
    displayName: spec.displayName,
    models,
    fetchedAt: now(),
    ...(spec.apiVersion !== undefined && { apiVersion: spec.apiVersion }),
    ...(spec.rateLimits !== undefined && { rateLimits: spec.rateLimits }),
  });
  const listModels = spec.listModels?.bind(spec);
  const merge = spec.mergeModels ?? mergeModelList;
  const catalogOnly = metadataOf(spec.catalog);
  const cache: MetadataCache | undefined =
    listModels === undefined
      ? undefined
      : createMetadataCache({
          load: async (signal) => metadataOf(merge(spec.catalog, await listModels({ signal }))),
          fallback: () => metadataOf(spec.catalog),
          now,
        });
  const provider: HttpProvider = {
    providerId: spec.providerId,
    sendCompletion: (request, options) => spec.sendCompletion(request, options),
    streamCompletion: (request, options) => spec.streamCompletion(request, options),
    getMetadata: (options) => (cache === undefined ? Promise.resolve(catalogOnly) : cache.get(options)),
    validateConfig: (config) => spec.validateConfig(config),
    async probe(options) {
      if (spec.probe !== undefined) return spec.probe(options);
      if (listModels !== undefined) await listModels(options);
    },
    clearMetadata: () => cache?.clear(),
  };
  const embed = spec.embed?.bind(spec);
  const countTokens = spec.countTokens?.bind(spec);
  const resolveModel = spec.resolveModel?.bind(spec);
  const close = spec.close?.bind(spec);
  if (embed !== undefined) provider.embed = embed;
  if (countTokens !== undefined) provider.countTokens = countTokens;
  if (resolveModel !== undefined) provider.resolveModel = resolveModel;
  if (close !== undefined) provider.close = close;
  return provider;
}
