import type {
  CacheStrategy,
  CompletionRequest,
  EmbeddingRequest,
  FinishReason,
  MiddlewareContext,
} from '@hub/core';
import type { CacheErrorHandler } from './cache-error-info.js';
import type { CachedOperation } from './cached-operation.js';
import type { CachedResponse } from './cached-response.js';

/** Options of the `cache` middleware. Every option has a default. */
export interface CacheOptions {
  /**
   * Where answers are kept: completions and embeddings (`CachedResponse`). Default: a new
   * `memoryCache()` (64 MiB). A store that is an `InProcessCacheStore` (the memory cache is) is
   * read and written synchronously, without `timeBudgetMs`.
   */
  readonly store?: CacheStrategy<CachedResponse>;
  /** How long an answer is kept, in milliseconds (a request may override with `cache.ttl`). Default one hour. */
  readonly ttlMs?: number;
  /** First part of every key, separating applications sharing a store. Default `hub`. */
  readonly namespace?: string;
  /** Second part of every key: change it on deploy to invalidate everything. Default `1`. */
  readonly version?: string | number;
  /**
   * Whether a request may be answered from and stored in the cache. Receives completion and
   * embedding requests (tell them apart with `context.operation` or `isEmbeddingRequest`).
   * Default: a completion when it sets `temperature: 0` or opts in with `metadata.cache =
   * 'true'` (a sampled answer is not meant to repeat), every embedding (a model gives the same
   * vector for the same text); either unless it opts out with `metadata.cache = 'false'`.
   * `cache.bypass` wins over this predicate.
   */
  shouldCache?(
    request: CompletionRequest | EmbeddingRequest,
    context: MiddlewareContext<CachedOperation>,
  ): boolean;
  /**
   * Finish reasons whose completions are stored (embeddings have none and are always stored).
   * Default `['stop', 'tool_calls']`: a truncated (`length`), filtered or failed answer should be
   * asked again, not repeated.
   */
  readonly cacheFinishReasons?: readonly FinishReason[];
  /**
   * Longest a store operation may take before it counts as a miss (or an ignored write), in
   * milliseconds. Default 50. Not applied to an `InProcessCacheStore`, which cannot wait.
   */
  readonly timeBudgetMs?: number;
  /**
   * Share one upstream call between identical cacheable requests in flight at the same time in
   * this process. Default true.
   */
  readonly singleFlight?: boolean;
  /**
   * Longest a request waits for an identical one in flight before calling upstream itself, in
   * milliseconds (guards against a leader whose stream consumer stopped reading). Default 120000.
   */
  readonly maxWaitMs?: number;
  /** Called for every store failure that was turned into a miss. */
  readonly onError?: CacheErrorHandler;
  /** Middleware name, unique per hub. Default `cache`. */
  readonly name?: string;
}
