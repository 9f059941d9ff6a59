import type { ProviderMetadata } from '@hub/core';

/** One metadata load: what it produced and whether the server's model list was read. */
export interface MetadataLoad {
  readonly metadata: ProviderMetadata;
  /** False when the list could not be fetched and the catalog stood in (cached briefly). */
  readonly complete: boolean;
}

/**
 * Caches one provider's metadata: a complete load for `ttlMs`, a fallback for `retryMs`. Calls
 * that arrive while a load runs share it, so a burst of callers triggers one request.
 */
export class MetadataCache {
  readonly #load: () => Promise<MetadataLoad>;
  readonly #ttlMs: number;
  readonly #retryMs: number;
  #current: Promise<ProviderMetadata> | undefined;
  #expiresAt = 0;

  constructor(load: () => Promise<MetadataLoad>, ttlMs: number, retryMs: number) {
    this.#load = load;
    this.#ttlMs = ttlMs;
    this.#retryMs = retryMs;
  }

  /** The cached metadata, loading it when absent or expired. Never rejects. */
  get(): Promise<ProviderMetadata> {
    const now = Date.now();
    if (this.#current !== undefined && now < this.#expiresAt) return this.#current;
    // a load in flight counts as fresh until it settles and sets the real expiry
    this.#expiresAt = Number.POSITIVE_INFINITY;
    const current = this.#load().then((result) => {
      if (this.#current === current)
        this.#expiresAt = Date.now() + (result.complete ? this.#ttlMs : this.#retryMs);
      return result.metadata;
    });
    this.#current = current;
    return current;
  }
}
