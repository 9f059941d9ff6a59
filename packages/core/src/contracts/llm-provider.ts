import type { ConfigIssue } from '../errors/config-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { StreamChunk } from '../model/stream-chunk.js';
import type { CallOptions } from './call-options.js';
import type { HealthStatus, ModelInfo, ProviderMetadata } from './provider-metadata.js';

/** Outcome of `validateConfig`: `ok`, or every issue found. */
export type ValidationResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * A connection to one LLM provider. Implementations are plain objects created by a plugin
 * factory; the hub calls them after validation and middleware.
 *
 * The request a provider receives carries a `model` **without** the provider prefix
 * (`gpt-4o-mini`, not `openai/gpt-4o-mini`), and has already been validated by the hub.
 */
export interface LLMProvider {
  /** Stable, lowercase id (`openai`, `anthropic`, `aws-bedrock`): `[a-z0-9][a-z0-9-_.]*`. */
  readonly providerId: string;

  /**
   * Sends one completion and resolves with the whole response.
   *
   * @throws ConnectorError for every failure, classified by `code`; `cancelled` when
   * `options.signal` aborts (the HTTP request is aborted with it).
   */
  sendCompletion(request: CompletionRequest, options?: CallOptions): Promise<CompletionResponse>;

  /**
   * Streams one completion. Nothing is sent until iteration starts. The last chunk of a successful
   * stream is `finish`; a stream that breaks or ends early throws a `stream` (or `network`,
   * `timeout`) `ConnectorError` from the iterator, never ends silently. When the consumer stops
   * iterating (`break`, `return()`) or the signal aborts, the upstream connection is closed.
   */
  streamCompletion(request: CompletionRequest, options?: CallOptions): AsyncIterable<StreamChunk>;

  /**
   * Models with context size, capabilities and prices, plus account rate limits and API version.
   * Implementations cache the result (one hour by default) and fall back to their built-in
   * catalog when the provider's model list cannot be fetched.
   */
  getMetadata(options?: CallOptions): Promise<ProviderMetadata>;

  /**
   * Finds the catalog entry of a model id that is not listed verbatim in `metadata` (aliases,
   * inference-profile prefixes, ARNs). Optional: without it, only exact ids match. Synchronous.
   */
  resolveModel?(model: string, metadata: ProviderMetadata): ModelInfo | undefined;

  /** Checks a configuration object synchronously, without I/O; lists every problem found. */
  validateConfig(config: unknown): ValidationResult;

  /**
   * Probes the provider cheaply (usually its model list) and resolves within five seconds, never
   * rejecting: failures are reported as `unhealthy` (or `degraded` when the provider answers but
   * slowly or with rate limits).
   */
  healthCheck(options?: CallOptions): Promise<HealthStatus>;

  /** Releases sockets and timers. Called by the plugin's `dispose` or `hub.close()`. */
  close?(): Promise<void>;
}
