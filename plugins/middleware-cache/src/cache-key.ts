import { hash } from 'node:crypto';
import type { CompletionRequest, EmbeddingRequest } from '@hub/core';
import { keyText } from './internal/key-text.js';

/** What scopes a cache key besides the request. */
export interface CacheKeyScope {
  /** Prefix separating applications sharing one store. Default `hub`. */
  readonly namespace?: string;
  /** Bump to invalidate every entry written by an earlier deploy. Default `1`. */
  readonly version?: string | number;
}

/**
 * The cache key of `request` (a completion or an embedding request) sent to `providerId`:
 * `${namespace}:${version}:${sha256}`, where the hash covers an unambiguous serialization of the
 * request with object keys sorted, so key order never matters and any difference in content does.
 *
 * Everything the answer depends on is part of the key. For a completion: provider and model,
 * messages, tools and tool choice, sampling parameters, stop sequences, seed, response format,
 * reasoning options and the `providerParams` entry of `providerId` only. For an embedding:
 * provider and model, the input(s) in order, `dimensions`, `inputType` and the `providerParams`
 * entry of `providerId` (one string and a list of just that string share a key: they ask for the
 * same vector). Completion and embedding keys never coincide. Left out, because they do not
 * change the answer: `metadata` (caller labels and cache controls), `user` (an abuse-monitoring
 * id) and other providers' `providerParams`. Fields this version does not know about are
 * included, so a newer request field can cause a miss but never a wrong hit.
 *
 * Linear in the request's size.
 *
 * @throws TypeError when the request holds a circular structure or a bigint.
 */
export function cacheKey(
  request: CompletionRequest | EmbeddingRequest,
  providerId: string,
  scope: CacheKeyScope = {},
): string {
  return keyPrefix(scope) + keyHash(request, providerId);
}

/** `${namespace}:${version}:`, computed once per middleware. */
export function keyPrefix(scope: CacheKeyScope): string {
  return `${scope.namespace ?? 'hub'}:${scope.version ?? 1}:`;
}

/** The hash part of a key (hex SHA-256 of `keyText`), without its prefix. */
export function keyHash(request: CompletionRequest | EmbeddingRequest, providerId: string): string {
  const text = keyText(request, providerId);
  // UTF-8 turns every lone surrogate into U+FFFD, which would make '\uD800' and '\uDC00' one
  // key; JSON escapes them instead (and its leading quote sets such texts apart from the rest)
  const hashed = (text as unknown as WellFormed).isWellFormed() ? text : JSON.stringify(text);
  return hash('sha256', hashed, 'hex');
}

/** `String.prototype.isWellFormed` (ES2024, in Node 20), missing from the ES2023 lib. */
interface WellFormed {
  isWellFormed(): boolean;
}
