import type { Hub, LLMProvider, ModelInfo, ModelPricing, ProviderMetadata } from '@hub/core';

/** One target a model may be served by, with what its catalog says about price and output. */
export interface TargetPrice {
  /** `provider/model`. */
  readonly address: string;
  /** Undefined when the catalog has no price for it (or could not be read). */
  readonly pricing: ModelPricing | undefined;
  /** Undefined when the catalog does not say. */
  readonly maxOutputTokens: number | undefined;
}

/** Catalog prices of the targets behind a requested model, for cost estimates before a call. */
export interface PriceBook {
  /**
   * The targets `model` (a route alias, `provider/model`, or a bare id with one provider) may be
   * served by; empty for a model that names nothing (the hub refuses it with 400 afterwards).
   * Never rejects: a catalog that cannot be read gives unpriced targets (and `onError`).
   */
  targetsOf(model: string): Promise<readonly TargetPrice[]>;
}

/** Options of `createPriceBook`. */
export interface PriceBookOptions {
  /** The clock, in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
  /** Sees every catalog read that failed or timed out. */
  readonly onError?: (error: Error) => void;
  /** Longest wait for one provider's catalog. Default 5,000 ms. */
  readonly metadataTimeoutMs?: number;
}

// as long as the hub keeps a provider's catalog: prices read again after that see a new one
const CATALOG_TTL_MS = 60 * 60 * 1000;
// requested model names come from clients: the memo is cleared when it reaches this size, which
// costs one catalog lookup per model afterwards
const MEMO_LIMIT = 1024;

/**
 * Prices from the providers' catalogs (`getMetadata`, which providers cache), resolved the way
 * the hub resolves a request's model: a route alias to its targets, `provider/model` to itself, a
 * bare id to the only provider. A model's targets are memoized for an hour, so the per-call cost
 * is one map lookup and an already settled promise.
 */
export function createPriceBook(hub: Hub, options: PriceBookOptions = {}): PriceBook {
  const now = options.now ?? Date.now;
  const timeoutMs = options.metadataTimeoutMs ?? 5_000;
  const routes = hub.routes();
  const providers = new Map<string, LLMProvider>(
    hub.providers().map((provider) => [provider.providerId, provider]),
  );
  // one entry per registered provider
  const catalogs = new Map<
    string,
    { readonly metadata: Promise<ProviderMetadata | undefined>; at: number }
  >();
  // bound: MEMO_LIMIT entries, cleared at once when full
  const memo = new Map<string, { readonly targets: Promise<readonly TargetPrice[]>; readonly at: number }>();

  const catalogOf = (provider: LLMProvider): Promise<ProviderMetadata | undefined> => {
    const cached = catalogs.get(provider.providerId);
    if (cached !== undefined && now() - cached.at < CATALOG_TTL_MS) return cached.metadata;
    const metadata = provider
      .getMetadata({ signal: AbortSignal.timeout(timeoutMs) })
      .catch((error: unknown) => {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
        // retried on the next lookup, not an hour later: a catalog that could not be read is not known
        catalogs.delete(provider.providerId);
        return undefined;
      });
    catalogs.set(provider.providerId, { metadata, at: now() });
    return metadata;
  };

  /** The target's price, and whether its catalog was read (an unread one is not remembered). */
  const priceOf = async (address: string): Promise<{ price: TargetPrice; read: boolean }> => {
    const slash = address.indexOf('/');
    const provider = providers.get(address.slice(0, slash));
    const model = address.slice(slash + 1);
    const metadata = provider === undefined ? undefined : await catalogOf(provider);
    const info: ModelInfo | undefined =
      provider === undefined || metadata === undefined
        ? undefined
        : (metadata.models.find((entry) => entry.id === model) ?? provider.resolveModel?.(model, metadata));
    return {
      price: { address, pricing: info?.pricing, maxOutputTokens: info?.maxOutputTokens },
      read: provider === undefined || metadata !== undefined,
    };
  };

  const addressesOf = (model: string): readonly string[] => {
    const routed = routes[model];
    if (routed !== undefined) return routed;
    const slash = model.indexOf('/');
    if (slash > 0 && providers.has(model.slice(0, slash)) && slash < model.length - 1) return [model];
    if (providers.size === 1) return [`${[...providers.keys()][0]}/${model}`];
    return [];
  };

  return {
    targetsOf(model) {
      const cached = memo.get(model);
      if (cached !== undefined && now() - cached.at < CATALOG_TTL_MS) return cached.targets;
      const targets: Promise<readonly TargetPrice[]> = Promise.all(addressesOf(model).map(priceOf)).then(
        (prices) => {
          if (prices.some((entry) => !entry.read) && memo.get(model)?.targets === targets) memo.delete(model);
          return prices.map((entry) => entry.price);
        },
      );
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(model, { targets, at: now() });
      return targets;
    },
  };
}
