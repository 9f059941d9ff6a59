import { createHash } from 'node:crypto';
import type { CompletionRequest } from '@hub/core';
import { stableStringify } from './internal/stable-stringify.js';

/** What scopes a cache key besides the request. */
export interface CacheKeyScope {
  /** Prefix separating applications sharing one store. Default `hub`. */
  readonly namespace?: string;
  /** Bump to invalidate every entry written by an earlier deploy. Default `1`. */
  readonly version?: string | number;
}

/**
 * The cache key of `request` sent to `providerId`: `${namespace}:${version}:${sha256}`, where the
 * hash covers a normalized request with object keys sorted.
 *
 * Everything the answer depends on is part of the key: provider and model, messages, tools and
 * tool choice, sampling parameters, stop sequences, seed, response format, reasoning options and
 * the `providerParams` entry of `providerId` only. Left out, because they do not change the
 * answer: `metadata` (caller labels and cache controls), `user` (an abuse-monitoring id) and
 * other providers' `providerParams`. Fields this version does not know about are included, so a
 * newer request field can cause a miss but never a wrong hit.
 *
 * @throws TypeError when the request holds a circular structure or a bigint.
 */
export function cacheKey(request: CompletionRequest, providerId: string, scope: CacheKeyScope = {}): string {
  const {
    model,
    metadata: _metadata,
    user: _user,
    providerParams,
    // not request fields, but callers sometimes pass a whole options bag: never part of a key
    signal: _signal,
    requestId: _requestId,
    ...rest
  } = request as CompletionRequest & { signal?: unknown; requestId?: unknown };
  const normalized = {
    ...rest,
    provider: providerId,
    model,
    providerParams: providerParams?.[providerId],
  };
  const hash = createHash('sha256').update(stableStringify(normalized)).digest('hex');
  return `${scope.namespace ?? 'hub'}:${scope.version ?? 1}:${hash}`;
}
