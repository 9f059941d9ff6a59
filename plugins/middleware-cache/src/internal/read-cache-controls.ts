import { ConnectorError } from '@hub/core';

/** The per-request cache controls a caller sets in `request.metadata`. */
export interface CacheControls {
  /** `cache.bypass: 'true'`: neither read nor write the cache, nor join an identical call. */
  readonly bypass: boolean;
  /** `cache.refresh: 'true'`: skip the lookup, call upstream and store the fresh answer. */
  readonly refresh: boolean;
  /** `cache.ttl`: milliseconds the answer is kept, overriding the middleware's `ttlMs`. */
  readonly ttlMs: number | undefined;
}

const NONE: CacheControls = Object.freeze({ bypass: false, refresh: false, ttlMs: undefined });

/**
 * Reads the cache controls of `metadata`.
 *
 * @throws ConnectorError `invalid_request` naming `metadata.cache.ttl` when the TTL is not a
 * positive integer: a typo there would otherwise silently keep answers for the default time.
 */
export function readCacheControls(metadata: Readonly<Record<string, string>> | undefined): CacheControls {
  if (metadata === undefined) return NONE;
  const ttl = metadata['cache.ttl'];
  const bypass = metadata['cache.bypass'] === 'true';
  const refresh = metadata['cache.refresh'] === 'true';
  if (ttl === undefined && !bypass && !refresh) return NONE;
  let ttlMs: number | undefined;
  if (ttl !== undefined) {
    ttlMs = /^\d+$/.test(ttl.trim()) ? Number(ttl.trim()) : Number.NaN;
    if (!(Number.isSafeInteger(ttlMs) && ttlMs > 0)) {
      throw new ConnectorError(
        'invalid_request',
        `metadata "cache.ttl" must be a positive integer of milliseconds, got "${ttl.slice(0, 32)}".`,
        { field: 'metadata.cache.ttl' },
      );
    }
  }
  return { bypass, refresh, ttlMs };
}
