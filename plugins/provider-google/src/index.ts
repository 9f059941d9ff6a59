/**
 * @packageDocumentation
 * @module @hub/provider-google
 * @document ../README.md
 */

// The public API of @hub/provider-google, listed explicitly: an API change is one visible diff here.

export { CLOUD_PLATFORM_SCOPE, type GoogleAuthLibrary } from './application-default-credentials.js';
export { createGoogleProvider } from './create-google-provider.js';
export { createVertexProvider, type VertexProviderHooks } from './create-vertex-provider.js';
export { GEMINI_MODEL_CATALOG } from './gemini-model-catalog.js';
export type { GeminiSchemaFormat } from './gemini-schema-format.js';
export {
  GOOGLE_DEFAULT_BASE_URL,
  type GoogleConfig,
  type GoogleOptions,
  googleConfig,
} from './google-config.js';
export { GOOGLE_PLUGIN_NAME, google } from './google-plugin.js';
export type { AccessToken, TokenProvider } from './token-provider.js';
export {
  VERTEX_DEFAULT_LOCATION,
  type VertexConfig,
  type VertexOptions,
  vertexConfig,
} from './vertex-config.js';
export { VERTEX_MODEL_CATALOG } from './vertex-model-catalog.js';
export { VERTEX_PLUGIN_NAME, vertex } from './vertex-plugin.js';
