import type { LLMProvider } from '../contracts/llm-provider.js';
import type { Target } from '../contracts/middleware-context.js';
import type { ModelInfo, ProviderMetadata } from '../contracts/provider-metadata.js';
import type { KnownModels } from '../pipeline/known-models.js';
import { targetAddress } from './target-address.js';

// The hub re-asks a provider for its metadata after this long. Providers own the real cache
// (and its TTL); this only spares the per-call path from awaiting `getMetadata` every time.
const METADATA_MEMO_MS = 60 * 60 * 1000;
// memoized catalog lookups per address; model ids come from callers, so the memo is bounded
const MODEL_INFO_MEMO = 1_024;

/** The hub's view of provider catalogs: metadata per provider, model info per target. */
export interface CatalogLookup {
  /** A provider's metadata; undefined when it cannot be read (the provider stays callable). */
  metadataOf(provider: LLMProvider): Promise<ProviderMetadata | undefined>;
  /** The catalog entry of a target's model; never rejects. */
  modelInfo(target: Target): Promise<ModelInfo | undefined>;
}

/**
 * Memoizes provider metadata and catalog lookups for the per-call path, teaching `knownModels`
 * every model a catalog lists (so its id may label metrics).
 *
 * Bound: one metadata entry per registered provider; at most 1,024 memoized model lookups,
 * evicting the least recently used.
 */
export function createCatalogLookup(
  providers: ReadonlyMap<string, LLMProvider>,
  knownModels: KnownModels,
  now: () => number = Date.now,
): CatalogLookup {
  const metadataMemo = new Map<string, { loaded: Promise<ProviderMetadata | undefined>; at: number }>();
  const modelInfoMemo = new Map<string, { info: Promise<ModelInfo | undefined>; at: number }>();

  const metadataOf = (provider: LLMProvider): Promise<ProviderMetadata | undefined> => {
    const entry = metadataMemo.get(provider.providerId);
    if (entry !== undefined && now() - entry.at < METADATA_MEMO_MS) return entry.loaded;
    // a provider whose metadata cannot be read is still callable; it just is not filtered
    const loaded = provider.getMetadata().catch(() => undefined);
    metadataMemo.set(provider.providerId, { loaded, at: now() });
    return loaded;
  };

  return {
    metadataOf,
    modelInfo(target) {
      const provider = providers.get(target.providerId);
      if (provider === undefined) return Promise.resolve(undefined);
      const address = targetAddress(target);
      const metadataEntry = metadataMemo.get(provider.providerId);
      const memo = modelInfoMemo.get(address);
      if (memo !== undefined && metadataEntry !== undefined && memo.at === metadataEntry.at) return memo.info;
      const info = metadataOf(provider).then((metadata) => {
        const found = findModel(provider, metadata, target.model);
        if (found !== undefined) knownModels.learn(target);
        return found;
      });
      // least recently used goes first: a Map iterates in insertion order
      if (memo !== undefined) modelInfoMemo.delete(address);
      else if (modelInfoMemo.size >= MODEL_INFO_MEMO)
        modelInfoMemo.delete(modelInfoMemo.keys().next().value as string);
      modelInfoMemo.set(address, { info, at: metadataMemo.get(provider.providerId)?.at ?? 0 });
      return info;
    },
  };
}

/** A model's catalog entry: listed verbatim, or found by the provider's own resolution. */
export function findModel(
  provider: LLMProvider,
  metadata: ProviderMetadata | undefined,
  model: string,
): ModelInfo | undefined {
  if (metadata === undefined) return undefined;
  return metadata.models.find((info) => info.id === model) ?? provider.resolveModel?.(model, metadata);
}
