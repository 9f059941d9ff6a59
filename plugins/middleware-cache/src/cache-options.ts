import type { CacheStrategy, CompletionRequest, FinishReason, MiddlewareContext } from '@hub/core';
import type { CacheErrorHandler } from './cache-error-info.js';

/** Options of the `cache` middleware. Every option has a default. */
export interface CacheOptions {
  /** Where answers are kept. Default: a new `memoryCache()` (64 MiB). */
  readonly store?: CacheStrategy;
  /** How long an answer is kept, in milliseconds (a request may override with `cache.ttl`). Default one hour. */
  readonly ttlMs?: number;
  /** First part of every key, separating applications sharing a store. Default `hub`. */
  readonly namespace?: string;
  /** Second part of every key: change it on deploy to invalidate everything. Default `1`. */
  readonly version?: string | number;
  /**
   * Whether a request may be answered from and stored in the cache. Default: when the request
   * sets `temperature: 0` or opts in with `metadata.cache = 'true'`, unless it opts out with
   * `metadata.cache = 'false'` (a sampled answer is not meant to repeat). `cache.bypass` wins
   * over this predicate.
   */
  readonly shouldCache?: (request: CompletionRequest, context: MiddlewareContext) => boolean;
  /**
   * Finish reasons whose responses are stored. Default `['stop', 'tool_calls']`: a truncated
   * (`length`), filtered or failed answer should be asked again, not repeated.
   */
  readonly cacheFinishReasons?: readonly FinishReason[];
  /**
   * Longest a store operation may take before it counts as a miss (or an ignored write), in
   * milliseconds. Default 50.
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
