/**
 * @packageDocumentation
 * @module @hub/provider-utils
 * @document ../README.md
 */

// The public API of @hub/provider-utils, listed explicitly: an API change is one visible diff here.

export { assertNestingDepth, MAX_NESTING_DEPTH } from './assert-nesting-depth.js';
export { CallDeadline, type CallDeadlineOptions } from './call-deadline.js';
export { callDeadlineFields } from './call-deadline-fields.js';
export { type CallDefaults, type CallRequestOptions, callRequestOptions } from './call-request-options.js';
export { createHttpClient } from './create-http-client.js';
export {
  createMetadataCache,
  METADATA_POLICY,
  type MetadataCache,
  type MetadataCacheOptions,
} from './create-metadata-cache.js';
export { decodeFloat32Base64 } from './decode-float32-base64.js';
export { type DecodeJsonLinesOptions, decodeJsonLines } from './decode-json-lines.js';
export { type DecodeSseOptions, decodeSse, type SseEvent } from './decode-sse.js';
export { decodeSseBatches } from './decode-sse-batches.js';
export { defineHttpProvider, type HttpProvider, type HttpProviderSpec } from './define-http-provider.js';
export {
  type EmbeddedBatches,
  type EmbeddingBatch,
  type EmbedInBatchesOptions,
  embedInBatches,
} from './embed-in-batches.js';
export { codeForStatus, errorFromStatus, type StatusFailure } from './error-from-status.js';
export { estimateUtf8Tokens } from './estimate-utf8-tokens.js';
export type {
  HttpClient,
  HttpClientOptions,
  HttpJsonResponse,
  HttpMethod,
  HttpRequestOptions,
  HttpStreamResponse,
} from './http-client.js';
export type { HttpFailure } from './http-failure.js';
export { maskSecret } from './mask-secret.js';
export { findCatalogModel, type ListedModel, mergeModelList } from './merge-model-list.js';
export { parseDurationMs } from './parse-duration-ms.js';
export { parseRateLimitHeaders } from './parse-rate-limit-headers.js';
export { parseResetTimeMs } from './parse-reset-time-ms.js';
export { parseRetryAfterMs } from './parse-retry-after-ms.js';
export { parseToolArguments } from './parse-tool-arguments.js';
export { readEnv } from './read-env.js';
export { redactErrorSecrets } from './redact-error-secrets.js';
export { redactHeaders } from './redact-headers.js';
export { type RunBatchesOptions, runBatches } from './run-batches.js';
export { type BatchLimits, splitIntoBatches } from './split-into-batches.js';
export { untilAborted } from './until-aborted.js';
