/**
 * @packageDocumentation
 * @module @hub/ai-sdk
 * @document ../README.md
 */

// The public API of @hub/ai-sdk, listed explicitly: an API change is one visible diff here.

export { createHubProvider, type HubProvider } from './create-hub-provider.js';
export { createHubEmbeddingModel, type HubEmbeddingModelConfig } from './hub-embedding-model.js';
export { createHubLanguageModel, type HubLanguageModelConfig } from './hub-language-model.js';
export type { HubEmbeddingProviderOptions, HubProviderOptions } from './hub-provider-options.js';
export type { HubProviderSettings } from './hub-provider-settings.js';
export type { HubResponseMetadata } from './hub-response-metadata.js';
