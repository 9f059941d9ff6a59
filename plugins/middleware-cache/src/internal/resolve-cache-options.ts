import {
  type CacheStrategy,
  type CompletionRequest,
  ConfigError,
  type EmbeddingRequest,
  type FinishReason,
  isEmbeddingRequest,
  type MiddlewareContext,
} from '@hub/core';
import type { CacheErrorHandler } from '../cache-error-info.js';
import type { CacheOptions } from '../cache-options.js';
import type { CachedOperation } from '../cached-operation.js';
import type { CachedResponse } from '../cached-response.js';
import { memoryCache } from '../memory-cache.js';

/** `CacheOptions` with defaults applied, validated once when the middleware is created. */
export interface ResolvedCacheOptions {
  readonly name: string;
  readonly store: CacheStrategy<CachedResponse>;
  readonly ttlMs: number;
  readonly namespace: string;
  readonly version: string | number;
  readonly shouldCache: (
    request: CompletionRequest | EmbeddingRequest,
    context: MiddlewareContext<CachedOperation>,
  ) => boolean;
  readonly cacheFinishReasons: ReadonlySet<FinishReason>;
  readonly timeBudgetMs: number;
  readonly singleFlight: boolean;
  readonly maxWaitMs: number;
  readonly onError: CacheErrorHandler | undefined;
}

const FINISH_REASONS: readonly FinishReason[] = [
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'error',
  'other',
];

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Sampled answers are not meant to repeat: cache only deterministic or opted-in completions.
 * Embeddings are deterministic: cache them unless opted out.
 */
export function defaultShouldCache(request: CompletionRequest | EmbeddingRequest): boolean {
  const optIn = request.metadata?.cache;
  if (optIn === 'false') return false;
  return optIn === 'true' || isEmbeddingRequest(request) || request.temperature === 0;
}

/**
 * Applies defaults and validates `options`.
 *
 * @throws ConfigError naming the first invalid option.
 */
export function resolveCacheOptions(options: CacheOptions): ResolvedCacheOptions {
  const fail = (path: string, message: string): never => {
    throw new ConfigError(`Invalid cache option ${path}: ${message}`, { path });
  };
  const store = options.store ?? memoryCache();
  for (const method of ['get', 'set', 'invalidate', 'clear', 'stats'] as const) {
    if (typeof (store as Partial<CacheStrategy<CachedResponse>>)[method] !== 'function')
      fail('store', `must implement CacheStrategy (missing ${method}()).`);
  }
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  if (!isPositiveInteger(ttlMs)) fail('ttlMs', 'must be a positive integer of milliseconds.');
  const namespace = options.namespace ?? 'hub';
  if (typeof namespace !== 'string' || namespace === '') fail('namespace', 'must be a non-empty string.');
  const version = options.version ?? 1;
  if (!(typeof version === 'number' || (typeof version === 'string' && version !== '')))
    fail('version', 'must be a number or a non-empty string.');
  if (options.shouldCache !== undefined && typeof options.shouldCache !== 'function')
    fail('shouldCache', 'must be a function.');
  const reasons = options.cacheFinishReasons ?? ['stop', 'tool_calls'];
  if (!Array.isArray(reasons) || reasons.some((reason) => !FINISH_REASONS.includes(reason)))
    fail('cacheFinishReasons', `must list finish reasons among ${FINISH_REASONS.join(', ')}.`);
  const timeBudgetMs = options.timeBudgetMs ?? 50;
  if (!isPositiveInteger(timeBudgetMs)) fail('timeBudgetMs', 'must be a positive integer of milliseconds.');
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  if (!isPositiveInteger(maxWaitMs)) fail('maxWaitMs', 'must be a positive integer of milliseconds.');
  if (options.onError !== undefined && typeof options.onError !== 'function')
    fail('onError', 'must be a function.');
  const name = options.name ?? 'cache';
  if (typeof name !== 'string' || name === '') fail('name', 'must be a non-empty string.');
  return {
    name,
    store,
    ttlMs,
    namespace,
    version,
    shouldCache: options.shouldCache ?? defaultShouldCache,
    cacheFinishReasons: new Set(reasons),
    timeBudgetMs,
    singleFlight: options.singleFlight ?? true,
    maxWaitMs,
    onError: options.onError,
  };
}
