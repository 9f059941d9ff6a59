import type { ModelInfo } from '@hub/core';

/** Capabilities reported for a listed model the catalog does not know: unknown is `false`. */
const UNKNOWN_CAPABILITIES = Object.freeze({ streaming: true, tools: false, vision: false, json: false });

/** One model of a provider's model list: its id, and whatever the list says about it. */
export type ListedModel = string | (Partial<ModelInfo> & { readonly id: string });

/**
 * Combines a provider's model list with its built-in catalog, the same way for every provider:
 *
 * - a listed model takes its catalog entry (found by `find`, so versioned or aliased ids get
 *   their family's entry), with whatever the list itself reports (context window, output limit)
 *   overriding it; prices carry over only for an exact catalog id, since versions and previews
 *   may be priced differently (an unknown price is absent, never 0);
 * - a listed model the catalog does not know gets `contextWindow` from the list (or
 *   `defaultContextWindow`) and every capability but streaming reported unknown (`false`);
 * - catalog models the list does not name are appended (the list may be filtered or paged).
 *
 * @returns Listed models first, in list order without duplicates, then the rest of the catalog.
 */
export function mergeModelList(
  catalog: readonly ModelInfo[],
  listed: readonly ListedModel[],
  options: {
    readonly find?: (id: string, catalog: readonly ModelInfo[]) => ModelInfo | undefined;
    readonly defaultContextWindow?: number;
  } = {},
): ModelInfo[] {
  const find = options.find ?? findCatalogModel;
  const models: ModelInfo[] = [];
  const seen = new Set<string>();
  for (const item of listed) {
    const reported = typeof item === 'string' ? { id: item } : item;
    if (reported.id === '' || seen.has(reported.id)) continue;
    seen.add(reported.id);
    const known = find(reported.id, catalog);
    const exact = known?.id === reported.id;
    const pricing = reported.pricing ?? (exact ? known?.pricing : undefined);
    const maxOutputTokens = reported.maxOutputTokens ?? known?.maxOutputTokens;
    const embedding = reported.embedding ?? known?.embedding;
    models.push({
      id: reported.id,
      contextWindow: reported.contextWindow ?? known?.contextWindow ?? options.defaultContextWindow ?? 8_192,
      capabilities: reported.capabilities ?? known?.capabilities ?? UNKNOWN_CAPABILITIES,
      ...(maxOutputTokens !== undefined && { maxOutputTokens }),
      ...(embedding !== undefined && { embedding }),
      ...(pricing !== undefined && { pricing }),
    });
  }
  for (const model of catalog) if (!seen.has(model.id)) models.push(model);
  return models;
}

/**
 * A model's catalog entry: the exact id, else the longest catalog id that the model id starts
 * with followed by a version separator (`gpt-4o-2024-08-06` → `gpt-4o`, `claude-sonnet-4-5@20250929`
 * → `claude-sonnet-4-5`).
 */
export function findCatalogModel(id: string, catalog: readonly ModelInfo[]): ModelInfo | undefined {
  let best: ModelInfo | undefined;
  for (const model of catalog) {
    if (model.id === id) return model;
    if (
      id.length > model.id.length &&
      id.startsWith(model.id) &&
      VERSION_SEPARATOR.test(id[model.id.length] as string)
    ) {
      if (best === undefined || model.id.length > best.id.length) best = model;
    }
  }
  return best;
}

const VERSION_SEPARATOR = /[-@:.]/;
