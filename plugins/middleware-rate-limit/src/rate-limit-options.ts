import type { CompletionRequest, EmbeddingRequest, MiddlewareContext } from '@hub/core';
import type { MultiLimitRateLimiter } from './multi-limit-rate-limiter.js';

/**
 * The operations the rate limiter takes part in: completions and embeddings draw on the same
 * limits. `count-tokens` is not one of them: see `rateLimit`.
 */
export type RateLimitedOperation = 'complete' | 'stream' | 'embed';

/**
 * What a limit counts against:
 *
 * - `provider`: every call to one provider (`openai`), whatever the model;
 * - `model`: every call to one provider's model (`openai/gpt-4o-mini`);
 * - `caller`: every call of one caller (a tenant, an API key of your own users), identified by
 *   `RateLimitDefinition.key`.
 */
export type RateLimitScope = 'provider' | 'model' | 'caller';

/** One limit. Several limits may apply to one call; they are checked together, atomically. */
export interface RateLimitDefinition {
  readonly scope: RateLimitScope;
  /** Requests per window. At least one of `requestsPerWindow` and `tokensPerWindow` is required. */
  readonly requestsPerWindow?: number;
  /**
   * Tokens per window, counting prompt and completion tokens (`usage.totalTokens`), and the input
   * tokens of embeddings (`usage.inputTokens`). Before a call the middleware reserves the prompt
   * estimate plus `maxTokens` (for an embedding, the input estimate); after it, the reservation is
   * reconciled with the usage the provider reported.
   */
  readonly tokensPerWindow?: number;
  /** Milliseconds for an empty allowance to refill completely. Default 60000. */
  readonly windowMs?: number;
  /** Apply the limit only to calls to this provider id. Default: every provider. */
  readonly provider?: string;
  /**
   * For scope `caller` only: the caller's key, or undefined to leave this call out of the limit.
   * Default: `request.metadata['rate-limit.key']`. Error messages never show this value (only a
   * short hash of it). Receives embedding requests too (tell them apart with `context.operation`
   * or `isEmbeddingRequest`); both kinds carry `metadata`.
   */
  key?(
    request: CompletionRequest | EmbeddingRequest,
    context: MiddlewareContext<RateLimitedOperation>,
  ): string | undefined;
  /**
   * Namespace of this limit's keys in the store (`<name>:<provider>` …). Names must be unique.
   * Default `<scope>#<index>`. Give an explicit name when several hubs share a Redis store and may
   * list their limits in different orders.
   */
  readonly name?: string;
}

/**
 * Learning from the provider's own rate-limit reports: a response whose `rateLimit` snapshot
 * says the remaining allowance is at or below a threshold blocks that provider's target until the
 * reported reset, and so does a provider `rate_limit` error (HTTP 429) for its `retryAfterMs`.
 * Blocked calls are rejected or queued like any other limit, before the provider has to refuse.
 */
export interface AdaptiveRateLimitOptions {
  /**
   * What one block covers: `model` (default) blocks only the provider's model that reported,
   * because OpenAI and Anthropic both enforce and report their limits per model; `provider` blocks
   * every model of that provider.
   */
  readonly scope?: 'provider' | 'model';
  /** Block when `remainingRequests` is at or below this. Default 0. */
  readonly minRequestsRemaining?: number;
  /** Block when `remainingTokens` is at or below this. Default 0. */
  readonly minTokensRemaining?: number;
  /**
   * Block duration when the provider reported exhaustion without a reset time or a 429 without
   * `Retry-After`. Default 1000.
   */
  readonly defaultBlockMs?: number;
}

/** Options of `rateLimit` and `rateLimitPlugin`. */
export interface RateLimitOptions {
  /** The limits; may be empty when only adaptive blocking is wanted. */
  readonly limits: readonly RateLimitDefinition[];
  /**
   * Where counters live. Default: a new `memoryRateLimiter()` owned (and closed) by the
   * middleware. Pass `redisRateLimiter(...)` from `@hub/rate-limit-redis` to share limits between
   * processes; a limiter you pass is yours to close.
   */
  readonly limiter?: MultiLimitRateLimiter;
  /**
   * What happens to a call over a limit: `reject` (default) fails it at once with a `rate_limit`
   * `ConnectorError` carrying `retryAfterMs`; `queue` waits in a first-in-first-out queue per limit
   * key, up to `maxQueueWaitMs`, then proceeds.
   */
  readonly onLimited?: 'reject' | 'queue';
  /**
   * Longest wait in the queue, in milliseconds. A call that would wait longer is rejected as soon
   * as that is known. Default 30000.
   */
  readonly maxQueueWaitMs?: number;
  /** Completion tokens reserved for a request without `maxTokens`. Default 1024. */
  readonly defaultMaxTokens?: number;
  /**
   * Prompt token estimate for reservations. Default `estimatePromptTokens` from `@hub/core` (about
   * four characters per token); plug a real tokenizer in here for tighter reservations.
   */
  readonly estimatePromptTokens?: (request: CompletionRequest) => number;
  /**
   * Input token estimate of an embedding request, reserved before the call and reconciled with
   * `usage.inputTokens`. Default: a quarter of each input's characters, rounded up (at least one
   * token per input).
   */
  readonly estimateEmbeddingTokens?: (request: EmbeddingRequest) => number;
  /** Adaptive blocking from provider reports; `true` (default) uses the defaults, `false` disables it. */
  readonly adaptive?: boolean | AdaptiveRateLimitOptions;
  /** Middleware name. Default `rate-limit`. */
  readonly name?: string;
}
