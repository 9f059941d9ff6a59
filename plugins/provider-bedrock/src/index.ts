/**
 * @packageDocumentation
 * @module @hub/provider-bedrock
 * @document ../README.md
 */

// The public API of @hub/provider-bedrock, listed explicitly: an API change is one visible diff here.

export type { AwsCredentialProvider, AwsCredentials } from './aws-credentials.js';
export {
  BEDROCK_API_VERSION,
  BEDROCK_PROVIDER_ID,
  type BedrockConfig,
  type BedrockOptions,
  bedrockConfig,
} from './bedrock-config.js';
export {
  BEDROCK_MODEL_CATALOG,
  type BedrockModelInfo,
  type InferenceProfileGeography,
} from './bedrock-model-catalog.js';
export { BEDROCK_PLUGIN_NAME, bedrock } from './bedrock-plugin.js';
export { createBedrockProvider } from './bedrock-provider.js';
export { findBedrockModel } from './find-bedrock-model.js';
