import type { EmbeddingModelV3, EmbeddingModelV3CallOptions, EmbeddingModelV3Result } from '@ai-sdk/provider';
import { type CallOptions, type EmbeddingRequest, type Hub, withoutUndefined } from '@hub/core';
import { hubProviderMetadata } from './hub-response-metadata.js';
import { definedHeaders } from './internal/defined-headers.js';
import { HUB_KEY } from './internal/hub-key.js';
import { parseHubEmbeddingProviderOptions } from './parse-hub-provider-options.js';

/** How `createHubEmbeddingModel` builds a model; filled in by `createHubProvider`. */
export interface HubEmbeddingModelConfig {
  readonly provider: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly maxEmbeddingsPerCall: number;
}

/**
 * An AI SDK embedding model (specification v3) backed by `hub.embed`: routes, fallback (only to
 * targets producing vectors of the same length), retry, limits and metrics apply. Options come
 * from `providerOptions.hub` (see `HubEmbeddingProviderOptions`); vectors arrive as `number[]`
 * converted from the hub's `Float32Array`s.
 */
export function createHubEmbeddingModel(
  hub: Hub,
  modelId: string,
  config: HubEmbeddingModelConfig,
): EmbeddingModelV3 {
  return {
    specificationVersion: 'v3',
    provider: config.provider,
    modelId,
    maxEmbeddingsPerCall: config.maxEmbeddingsPerCall,
    supportsParallelCalls: true,

    async doEmbed(options: EmbeddingModelV3CallOptions): Promise<EmbeddingModelV3Result> {
      const hubOptions = parseHubEmbeddingProviderOptions(options.providerOptions?.[HUB_KEY]);
      const metadata =
        config.metadata === undefined && hubOptions.metadata === undefined
          ? undefined
          : { ...config.metadata, ...hubOptions.metadata };
      const request: EmbeddingRequest = withoutUndefined({
        model: hubOptions.model ?? modelId,
        input: options.values,
        dimensions: hubOptions.dimensions,
        inputType: hubOptions.inputType,
        user: hubOptions.user,
        metadata,
        providerParams: hubOptions.providerParams,
      });
      const callOptions: CallOptions = withoutUndefined({
        signal: options.abortSignal,
        headers: definedHeaders(options.headers),
        timeoutMs: hubOptions.timeoutMs,
        requestId: hubOptions.requestId,
      });
      const response = await hub.embed(request, callOptions);
      return {
        embeddings: response.embeddings.map((vector) => Array.from(vector)),
        usage: { tokens: response.usage.inputTokens },
        providerMetadata: hubProviderMetadata({
          provider: response.provider,
          model: response.model,
          cost: response.cost,
        }),
        warnings: [],
      };
    },
  };
}
