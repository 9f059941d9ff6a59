import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import type { Hub } from '@hub/core';
import { convertHubResponse } from './convert-hub-response.js';
import { convertHubUsage } from './convert-hub-usage.js';
import { convertToHubRequest } from './convert-to-hub-request.js';
import { hubProviderMetadata } from './hub-response-metadata.js';
import { mapHubFinishReason } from './map-hub-finish-reason.js';
import { openStreamParts } from './open-stream-parts.js';

/** How `createHubLanguageModel` builds a model; filled in by `createHubProvider`. */
export interface HubLanguageModelConfig {
  /** The `provider` name the model reports. */
  readonly provider: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly supportedUrls: Record<string, RegExp[]>;
}

/**
 * An AI SDK language model (specification v3) backed by `hub.complete` and `hub.stream`, so the
 * hub's routes, fallback, retry, breakers, cache, rate limits, metrics and cost apply to every
 * `generateText` / `streamText` step. `modelId` is what the hub resolves: a route alias or a
 * `provider/model` address.
 *
 * Failures are the hub's `ConnectorError`s (`code`, `retryable`, `providerId`, `field`). The AI
 * SDK retries only its own `APICallError`s, so its `maxRetries` never multiplies the hub's retry
 * policy: the hub alone decides.
 */
export function createHubLanguageModel(
  hub: Hub,
  modelId: string,
  config: HubLanguageModelConfig,
): LanguageModelV3 {
  const defaults = { modelId, ...(config.metadata !== undefined && { metadata: config.metadata }) };
  return {
    specificationVersion: 'v3',
    provider: config.provider,
    modelId,
    supportedUrls: config.supportedUrls,

    async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
      const { request, callOptions, warnings } = convertToHubRequest(options, defaults);
      const response = await hub.complete(request, callOptions);
      return {
        content: convertHubResponse(response),
        finishReason: mapHubFinishReason(response.finishReason),
        usage: convertHubUsage(response.usage),
        providerMetadata: hubProviderMetadata({
          provider: response.provider,
          model: response.model,
          responseId: response.id,
          cost: response.cost,
          rateLimit: response.rateLimit,
          refusal: response.refusal,
        }),
        request: { body: request },
        response: {
          id: response.id,
          modelId: response.model,
          ...(response.raw !== undefined && { body: response.raw }),
        },
        warnings,
      };
    },

    async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
      const { request, callOptions, warnings } = convertToHubRequest(options, defaults);
      const stream = await openStreamParts((options) => hub.stream(request, options), callOptions, warnings);
      return { stream, request: { body: request } };
    },
  };
}
