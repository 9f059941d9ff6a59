// The public API of @hub/provider-anthropic, listed explicitly: an API change is one visible diff here.

export {
  ANTHROPIC_API_VERSION,
  ANTHROPIC_DEFAULT_BASE_URL,
  type AnthropicConfig,
  type AnthropicOptions,
  anthropicConfig,
} from './anthropic-config.js';
export { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
export { ANTHROPIC_PLUGIN_NAME, anthropic } from './anthropic-plugin.js';
export { createAnthropicProvider } from './anthropic-provider.js';
export type {
  AnthropicContentDelta,
  AnthropicErrorBody,
  AnthropicImageBlock,
  AnthropicMessage,
  AnthropicMessageParam,
  AnthropicMessagesRequest,
  AnthropicModelEntry,
  AnthropicModelList,
  AnthropicRedactedThinkingBlock,
  AnthropicRequestBlock,
  AnthropicResponseBlock,
  AnthropicStreamEvent,
  AnthropicTextBlock,
  AnthropicThinkingBlock,
  AnthropicTool,
  AnthropicToolChoice,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
  AnthropicUsage,
} from './anthropic-wire-types.js';
export {
  type BuildAnthropicRequestOptions,
  buildAnthropicRequest,
  FALLBACK_MAX_TOKENS,
} from './build-anthropic-request.js';
export { classifyAnthropicError } from './classify-anthropic-error.js';
export { type AnthropicConversation, convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
export { type AnthropicToolFields, convertToAnthropicTools } from './convert-to-anthropic-tools.js';
export { findAnthropicModel } from './find-anthropic-model.js';
export { mapAnthropicError } from './map-anthropic-error.js';
export { type MapAnthropicEventsOptions, mapAnthropicEvents } from './map-anthropic-events.js';
export { mapAnthropicResponse } from './map-anthropic-response.js';
export { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
export { mapAnthropicStreamError } from './map-anthropic-stream-error.js';
export { mapAnthropicUsage } from './map-anthropic-usage.js';
export { mergeAnthropicModels } from './merge-anthropic-models.js';
