import { abortError, type CallOptions, type ProviderMetadata } from '@hub/core';
import { untilAborted } from './until-aborted.js';

/** The metadata policy every provider shares; change it here, not in a provider. */
export const METADATA_POLICY = Object.freeze({
  /** How long a complete load (the provider's model list read) is served. */
  ttlMs: 60 * 60 * 1000,
  /** How long the fallback (built-in catalog) is served after a failed load before retrying. */
  fallbackTtlMs: 5 * 60 * 1000,
  /** A load that has not finished by then is abandoned and the fallback served. */
  loadTimeoutMs: 10_000,
});

/** What `createMetadataCache` needs. */
export interface MetadataCacheOptions {
  /**
   * Loads fresh metadata (usually the provider's model list merged over its catalog). The
   * signal aborts when the load exceeds `METADATA_POLICY.loadTimeoutMs`; a load is shared by
   * every caller waiting for it, so it never gets a caller's signal.
   */
  load(signal: AbortSignal): Promise<ProviderMetadata>;
  /** What to serve when a load fails: the built-in catalog. Must not throw. */
  fallback(): ProviderMetadata;
  /** Default `METADATA_POLICY.ttlMs`. */
  readonly ttlMs?: number;
  /** Default `METADATA_POLICY.fallbackTtlMs`. */
  readonly fallbackTtlMs?: number;
  /** Clock in ms; default `Date.now`. */
  readonly now?: () => number;
}

/** A provider's cached metadata. */
export interface MetadataCache {
  /**
   * The cached metadata, loading it when absent or expired; calls during a load share it. Never
   * rejects for a failed load (the fallback is served); rejects only when `options.signal`
   * aborts, leaving the shared load running for other callers.
   */
  get(options?: CallOptions): Promise<ProviderMetadata>;
  /** Forgets the cached metadata, so the next `get` loads again. */
  clear(): void;
}

/**
 * The one metadata cache of every provider: a complete load is served for an hour, a failed one
 * falls back to the built-in catalog for five minutes, loads are single-flight and time-bounded.
 */
export function createMetadataCache(options: MetadataCacheOptions): MetadataCache {
  const ttlMs = options.ttlMs ?? METADATA_POLICY.ttlMs;
  const fallbackTtlMs = options.fallbackTtlMs ?? METADATA_POLICY.fallbackTtlMs;
  const now = options.now ?? Date.now;
  let current: Promise<ProviderMetadata> | undefined;
  let expiresAt = 0;

  const load = (): Promise<ProviderMetadata> => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('The model list took too long.', 'TimeoutError')),
      METADATA_POLICY.loadTimeoutMs,
    );
    // a background load must not keep a short-lived process alive
    timer.unref?.();
    const loading: Promise<ProviderMetadata> = Promise.resolve()
      .then(() => options.load(controller.signal))
      .then(
        (metadata) => {
          if (current === loading) expiresAt = now() + ttlMs;
          return metadata;
        },
        () => {
          if (current === loading) expiresAt = now() + fallbackTtlMs;
          return options.fallback();
        },
      )
      .finally(() => clearTimeout(timer));
    return loading;
  };

  return {
    get(callOptions = {}) {
      if (current === undefined || now() >= expiresAt) {
        // a load in flight counts as fresh until it settles and sets the real expiry
        expiresAt = Number.POSITIVE_INFINITY;
        current = load();
      }
      return untilAborted(current, callOptions.signal, (signal) =>
        abortError(signal, { during: 'reading the model list' }),
      );
    },
    clear() {
      current = undefined;
      expiresAt = 0;
    },
  };
}
