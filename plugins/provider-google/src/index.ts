// The public API of @hub/provider-google, listed explicitly: an API change is one visible diff here.

export { AccessTokenCache, type AccessTokenCacheOptions } from './access-token-cache.js';
export {
  type ApplicationDefaultCredentialsOptions,
  applicationDefaultCredentials,
  CLOUD_PLATFORM_SCOPE,
  type GoogleAuthLibrary,
} from './application-default-credentials.js';
export { type BuildGeminiRequestOptions, buildGeminiRequest } from './build-gemini-request.js';
export { convertToGeminiContents, type GeminiConversation } from './convert-to-gemini-contents.js';
export { convertToGeminiTools, type GeminiToolFields } from './convert-to-gemini-tools.js';
export { createGoogleProvider } from './create-google-provider.js';
export { createVertexProvider, type VertexProviderHooks } from './create-vertex-provider.js';
export { type DecodeGeminiStreamOptions, decodeGeminiStream } from './decode-gemini-stream.js';
export { findGeminiModel } from './find-gemini-model.js';
export { generateGeminiCallId, isGeneratedGeminiCallId } from './gemini-call-id.js';
export { GeminiChunkMapper, type GeminiChunkMapperOptions } from './gemini-chunk-mapper.js';
export { GEMINI_MODEL_CATALOG } from './gemini-model-catalog.js';
export type { GeminiSchemaFormat } from './gemini-schema-format.js';
export type {
  GeminiCandidate,
  GeminiContent,
  GeminiErrorBody,
  GeminiFunctionCall,
  GeminiFunctionDeclaration,
  GeminiFunctionResponse,
  GeminiGenerationConfig,
  GeminiJson,
  GeminiModelEntry,
  GeminiModelList,
  GeminiPart,
  GeminiPromptFeedback,
  GeminiRequest,
  GeminiResponse,
  GeminiThinkingConfig,
  GeminiTool,
  GeminiToolConfig,
  GeminiUsageMetadata,
} from './gemini-wire-types.js';
export {
  GOOGLE_DEFAULT_BASE_URL,
  type GoogleConfig,
  type GoogleOptions,
  googleConfig,
} from './google-config.js';
export { GOOGLE_PLUGIN_NAME, google } from './google-plugin.js';
export { mapGeminiError } from './map-gemini-error.js';
export { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
export { mapGeminiResponse } from './map-gemini-response.js';
export { mapGeminiUsage } from './map-gemini-usage.js';
export { mergeGeminiModels } from './merge-gemini-models.js';
export { toGeminiSchema } from './to-gemini-schema.js';
export { toGeminiThinkingConfig } from './to-gemini-thinking-config.js';
export type { AccessToken, TokenProvider } from './token-provider.js';
export { vertexBaseUrl } from './vertex-base-url.js';
export {
  VERTEX_DEFAULT_LOCATION,
  type VertexConfig,
  type VertexOptions,
  vertexConfig,
} from './vertex-config.js';
export { VERTEX_MODEL_CATALOG } from './vertex-model-catalog.js';
export { VERTEX_PLUGIN_NAME, vertex } from './vertex-plugin.js';
