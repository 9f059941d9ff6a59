/**
 * @packageDocumentation
 * @module @hub/core
 * @document ../README.md
 */

// The public API of @hub/core, listed explicitly: an API change is one visible diff here.

export { type AbortOrigin, abortError, throwIfAborted } from './abort/abort-error.js';
export { sleep } from './abort/sleep.js';
export {
  defineProviderConfig,
  flattenConfig,
  type ProviderConfigDefinition,
} from './config/define-provider-config.js';
export type { CacheStats, CacheStrategy } from './contracts/cache-strategy.js';
export type { CallOptions } from './contracts/call-options.js';
export {
  type ConnectorPlugin,
  PLUGIN_API_VERSION,
  type PluginRegistry,
  SUPPORTED_PLUGIN_API_VERSIONS,
} from './contracts/connector-plugin.js';
export { ErrorAction } from './contracts/error-action.js';
export {
  ALL_OPERATIONS,
  type CompletionOperation,
  DEFAULT_MIDDLEWARE_OPERATIONS,
  type HubOperation,
  isCompletionResponse,
  isEmbeddingRequest,
  isEmbeddingResponse,
  type OperationTypes,
  type RequestOf,
  type ResponseOf,
} from './contracts/hub-operation.js';
export type { LLMProvider, ValidationResult } from './contracts/llm-provider.js';
export type { MetricLabels, MetricsCollector, RequestMeasurement } from './contracts/metrics-collector.js';
export type { AnyMiddleware, CallOutcome, Middleware, RequestHookResult } from './contracts/middleware.js';
export type { MiddlewareContext, Target } from './contracts/middleware-context.js';
export type { ConfigMap, EnvVarSpec, ProviderConfig } from './contracts/provider-config.js';
export type {
  EmbeddingModelInfo,
  HealthState,
  HealthStatus,
  ModelCapabilities,
  ModelInfo,
  ModelPricing,
  ProviderMetadata,
  ProviderRateLimits,
} from './contracts/provider-metadata.js';
export type { Candidate, ProviderSelector, RequiredCapabilities } from './contracts/provider-selector.js';
export type {
  LimitCheck,
  MultiLimitDecision,
  RateLimitCost,
  RateLimitDecision,
  RateLimiter,
  RateLimitRule,
  RateLimitUsage,
  TokenAdjustment,
} from './contracts/rate-limiter.js';
export type { TargetStats, TargetStatsStore } from './contracts/target-stats.js';
export { ConfigError, type ConfigIssue } from './errors/config-error.js';
export { ConnectorError, type ConnectorErrorOptions } from './errors/connector-error.js';
export { ERROR_CODES, type ErrorCode, RETRYABLE_BY_DEFAULT } from './errors/error-code.js';
export { type ErrorOrigin, toConnectorError } from './errors/to-connector-error.js';
export { HEALTH_POLICY } from './hub/check-health.js';
export { createHub } from './hub/create-hub.js';
export { createTargetStatsStore } from './hub/create-target-stats-store.js';
export type { Hub, HubOptions, ProviderHealth } from './hub/hub.js';
export { estimatePromptTokens, requiredCapabilities } from './hub/required-capabilities.js';
export type { RouteTarget } from './hub/route-table.js';
export { targetAddress } from './hub/target-address.js';
export type { CompletionRequest, ReasoningOptions, ResponseFormat } from './model/completion-request.js';
export type {
  CompletionResponse,
  RateLimitSnapshot,
  ResponseContentPart,
  ToolCallPart,
} from './model/completion-response.js';
export type { Cost } from './model/cost.js';
export type { EmbeddingInputType, EmbeddingRequest } from './model/embedding-request.js';
export type { EmbeddingResponse, EmbeddingUsage } from './model/embedding-response.js';
export { estimateEmbeddingTokens } from './model/estimate-embedding-tokens.js';
export { estimateInputTokens } from './model/estimate-input-tokens.js';
export type { FinishReason } from './model/finish-reason.js';
export { foldStream } from './model/fold-stream.js';
export { measureRequestText, type RequestTextSize } from './model/measure-request-text.js';
export type {
  AssistantMessage,
  ImagePart,
  ImageSource,
  Message,
  MessageRole,
  ReasoningPart,
  SystemMessage,
  TextPart,
  ToolMessage,
  UserMessage,
} from './model/message.js';
export { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './model/request-limits.js';
export { responseToChunks } from './model/response-to-stream.js';
export type {
  FinishChunk,
  ReasoningDeltaChunk,
  StreamChunk,
  TextDeltaChunk,
  ToolCallDeltaChunk,
  UsageChunk,
} from './model/stream-chunk.js';
export { StreamFolder, type StreamOrigin } from './model/stream-folder.js';
export type { TokenCount } from './model/token-count.js';
export type { JsonSchema, ToolCall, ToolChoice, ToolDefinition } from './model/tool.js';
export { EMPTY_USAGE, type Usage } from './model/usage.js';
export { validateEmbeddingRequest } from './model/validate-embedding-request.js';
export { validateRequest } from './model/validate-request.js';
export { OTHER_MODEL_LABEL } from './pipeline/known-models.js';
export { maskSecrets, REDACTED } from './redaction/mask-secrets.js';
export { definePlugin, type PluginDefinition } from './registry/define-plugin.js';
export { filterEligible } from './selectors/filter-eligible.js';
export { lowestCostSelector } from './selectors/lowest-cost-selector.js';
export { lowestLatencySelector } from './selectors/lowest-latency-selector.js';
export { prioritySelector } from './selectors/priority-selector.js';
export { roundRobinSelector } from './selectors/round-robin-selector.js';
export { type WeightedSelectorOptions, weightedSelector } from './selectors/weighted-selector.js';
export { SlidingWindowCounter } from './stats/sliding-window-counter.js';
export { withoutUndefined } from './util/without-undefined.js';
