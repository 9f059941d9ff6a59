/**
 * @packageDocumentation
 * @module @hub/provider-openai
 * @document ../README.md
 */

// The public API of @hub/provider-openai, listed explicitly: an API change is one visible diff here.
// What only @hub/provider-openai-compatible needs is on the `./internal` subpath (not for users).

export {
  type AzureOpenAIConfig,
  type AzureOpenAIConfigInput,
  type AzureTokenProvider,
  azureOpenAIConfig,
} from './azure-openai-config.js';
export { azureOpenAI } from './azure-openai-plugin.js';
export { type AzureOpenAIProviderOptions, createAzureOpenAIProvider } from './azure-openai-provider.js';
export {
  OPENAI_DEFAULT_BASE_URL,
  type OpenAIConfig,
  type OpenAIConfigInput,
  openAIConfig,
} from './openai-config.js';
export { OPENAI_MODEL_CATALOG } from './openai-model-catalog.js';
export { openai } from './openai-plugin.js';
export { createOpenAIProvider, type OpenAIProviderOptions } from './openai-provider.js';
