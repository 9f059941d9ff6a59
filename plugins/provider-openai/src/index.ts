// The public API of @hub/provider-openai, listed explicitly: an API change is one visible diff here.

export {
  type AzureOpenAIConfig,
  type AzureOpenAIConfigInput,
  type AzureTokenProvider,
  azureOpenAIConfig,
} from './azure-openai-config.js';
export { azureOpenAI } from './azure-openai-plugin.js';
export { type AzureOpenAIProviderOptions, createAzureOpenAIProvider } from './azure-openai-provider.js';
export {
  type ChatCompletionsDeadlineConfig,
  chatCompletionsDeadlines,
} from './chat-completions-deadlines.js';
export type { ChatCompletionsProviderOptions } from './chat-completions-provider-options.js';
export type { ChatCompletionsQuirks } from './chat-completions-quirks.js';
export { convertOpenAIResponse, type OpenAIResponseContext } from './convert-openai-response.js';
export { convertOpenAIUsage } from './convert-openai-usage.js';
export { convertToOpenAIMessages } from './convert-to-openai-messages.js';
export { convertToOpenAIRequest, type OpenAIRequestOptions } from './convert-to-openai-request.js';
export { createChatCompletionsProvider } from './create-chat-completions-provider.js';
export { isOpenAIReasoningModel } from './is-openai-reasoning-model.js';
export { mapOpenAIError, type OpenAIErrorInput } from './map-openai-error.js';
export { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
export {
  OPENAI_DEFAULT_BASE_URL,
  type OpenAIConfig,
  type OpenAIConfigInput,
  openAIConfig,
} from './openai-config.js';
export { OPENAI_MODEL_CATALOG } from './openai-model-catalog.js';
export { openai } from './openai-plugin.js';
export { createOpenAIProvider, type OpenAIProviderOptions } from './openai-provider.js';
export {
  OpenAIStreamDecoder,
  type OpenAIStreamDecoderOptions,
  type OpenAIStreamSource,
} from './openai-stream-decoder.js';
export type {
  OpenAIAssistantMessage,
  OpenAIChatCompletionChunk,
  OpenAIChatCompletionRequest,
  OpenAIChatCompletionResponse,
  OpenAIErrorBody,
  OpenAIImageContentPart,
  OpenAIMessage,
  OpenAIModelList,
  OpenAIResponseFormat,
  OpenAIResponseMessage,
  OpenAIResponseToolCall,
  OpenAISystemMessage,
  OpenAITextContentPart,
  OpenAITool,
  OpenAIToolCall,
  OpenAIToolCallDelta,
  OpenAIToolChoice,
  OpenAIToolMessage,
  OpenAIUsage,
  OpenAIUserMessage,
} from './openai-wire-types.js';
