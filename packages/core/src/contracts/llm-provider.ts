import type { ConfigIssue } from '../errors/config-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { EmbeddingRequest } from '../model/embedding-request.js';
import type { EmbeddingResponse } from '../model/embedding-response.js';
import type { StreamChunk } from '../model/stream-chunk.js';
import type { TokenCount } from '../model/token-count.js';
import type { CallOptions } from './call-options.js';
import type { ModelInfo, ProviderMetadata } from './provider-metadata.js';

/** Outcome of `validateConfig`: `ok`, or every issue found. */
export type ValidationResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * A connection to one LLM provider. Implementations are plain objects created by a plugin
 * factory (HTTP providers usually through `defineHttpProvider` of `@hub/provider-utils`); the
 * hub calls them after validation and middleware.
 *
 * Every request a provider receives carries a `model` **without** the provider prefix
 * (`gpt-4o-mini`, not `openai/gpt-4o-mini`), and has already been validated by the hub. Every
 * method honours all of `CallOptions`: the signal, the three deadlines, extra headers and the
 * request id.
 *
 * Optional capabilities (`embed`, `countTokens`) are methods rather than separate contracts so
 * that one registration, one provider id and one `provider/model` address space serve every
 * operation: routes, circuit breakers, stats and metrics key them all the same way. A third-party
 * plugin adds a capability by implementing the method.
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
   * Embeds every input of the request, in input order. Optional: providers without embeddings
   * leave it out and the hub refuses `embed` calls to them with `unsupported`. Providers split
   * inputs above their API's batch limit and reassemble the vectors in order; a failure of any
   * batch fails the whole call (never a partial result).
   *
   * @throws ConnectorError as `sendCompletion` does.
   */
  embed?(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse>;

  /**
   * Counts the input tokens of a completion request with the provider's own counting API
   * (`exact: true`). Optional: without it, or when it throws `unsupported`, the hub answers with
   * its local estimate (`exact: false`).
   *
   * @throws ConnectorError as `sendCompletion` does; `unsupported` when the model has no
   * counting API.
   */
  countTokens?(request: CompletionRequest, options?: CallOptions): Promise<TokenCount>;

  /**
   * Models with context size, capabilities and prices, plus account rate limits and API version.
   * Implementations cache the result (`createMetadataCache` of `@hub/provider-utils` owns the
   * policy) and fall back to their built-in catalog when the provider's model list cannot be
   * fetched.
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
   * Asks the provider something cheap (usually its model list) to see that it answers with
   * these credentials. Resolves when it did; rejects with the `ConnectorError` it failed with.
   * The hub owns the policy around it: the time budget, and classifying the outcome as healthy,
   * degraded (slow, or rate limited) or unhealthy (`hub.health()`).
   */
  probe(options: CallOptions): Promise<void>;

  /** Releases sockets and timers. Called by the plugin's `dispose` or `hub.close()`. */
  close?(): Promise<void>;
}
