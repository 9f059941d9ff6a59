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
export type {
  BedrockContentBlock,
  BedrockErrorBody,
  BedrockImageBlock,
  BedrockImageFormat,
  BedrockInferenceConfig,
  BedrockMessage,
  BedrockReasoningBlock,
  BedrockResponseBlock,
  BedrockStopReason,
  BedrockTextBlock,
  BedrockTokenUsage,
  BedrockTool,
  BedrockToolChoice,
  BedrockToolConfig,
  BedrockToolResultBlock,
  BedrockToolUseBlock,
  ContentBlockDeltaEvent,
  ContentBlockStartEvent,
  ConverseRequest,
  ConverseResponse,
  ConverseStreamMetadataEvent,
  MessageStopEvent,
} from './bedrock-wire-types.js';
export { buildConverseRequest } from './build-converse-request.js';
export { classifyBedrockError } from './classify-bedrock-error.js';
export { type BedrockConversation, convertToBedrockMessages } from './convert-to-bedrock-messages.js';
export { convertToBedrockTools } from './convert-to-bedrock-tools.js';
export { type DecodeEventStreamOptions, decodeEventStream } from './decode-event-stream.js';
export { defaultBedrockEndpoint } from './default-bedrock-endpoint.js';
export type { EventStreamMessage } from './event-stream-message.js';
export { findBedrockModel } from './find-bedrock-model.js';
export { listBedrockModels } from './list-bedrock-models.js';
export { type MapBedrockErrorOptions, mapBedrockError } from './map-bedrock-error.js';
export { mapBedrockStopReason } from './map-bedrock-stop-reason.js';
export { mapBedrockStreamException } from './map-bedrock-stream-exception.js';
export { mapBedrockUsage } from './map-bedrock-usage.js';
export { type ConverseResponseOrigin, mapConverseResponse } from './map-converse-response.js';
export {
  type MapConverseStreamEventsOptions,
  mapConverseStreamEvents,
} from './map-converse-stream-events.js';
export { readBedrockErrorType } from './read-bedrock-error-type.js';
export { toBaseModelId } from './to-base-model-id.js';
