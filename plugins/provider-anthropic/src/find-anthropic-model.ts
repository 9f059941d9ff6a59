import type { ModelInfo } from '@hub/core';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';

/**
 * Finds the catalog entry of a model id: an exact alias (`claude-sonnet-4-5`), a dated id
 * (`claude-sonnet-4-5-20250929`) or a `-latest` alias (`claude-3-5-haiku-latest`). The longest
 * matching alias wins, so `claude-opus-4-1-20250805` resolves to `claude-opus-4-1`, not
 * `claude-opus-4`.
 *
 * @param modelId - The model id without the provider prefix.
 * @param catalog - The catalog to search; default `ANTHROPIC_MODEL_CATALOG`.
 * @returns The entry, or `undefined` for a model the catalog does not know.
 */
export function findAnthropicModel(
  modelId: string,
  catalog: readonly ModelInfo[] = ANTHROPIC_MODEL_CATALOG,
): ModelInfo | undefined {
  let best: ModelInfo | undefined;
  for (const entry of catalog) {
    const matches =
      modelId === entry.id ||
      // the separator check keeps `claude-opus-4` from matching a hypothetical `claude-opus-40`
      (modelId.startsWith(entry.id) && modelId.charCodeAt(entry.id.length) === 45);
    if (matches && (best === undefined || entry.id.length > best.id.length)) best = entry;
  }
  return best;
}
