import type { ModelInfo } from '@hub/core';
import { GEMINI_MODEL_CATALOG } from './gemini-model-catalog.js';

/**
 * Finds the catalog entry of a model id: an exact id (`gemini-2.5-flash`), a versioned or
 * preview id (`gemini-2.0-flash-001`, `gemini-2.5-flash-preview-09-2025`) or a `models/` name.
 * The longest matching id wins, so `gemini-2.5-flash-lite-preview-06-17` resolves to
 * `gemini-2.5-flash-lite`, not `gemini-2.5-flash`.
 *
 * @param modelId - The model id without the provider prefix.
 * @param catalog - The catalog to search; default `GEMINI_MODEL_CATALOG`.
 * @returns The entry, or `undefined` for a model the catalog does not know.
 */
export function findGeminiModel(
  modelId: string,
  catalog: readonly ModelInfo[] = GEMINI_MODEL_CATALOG,
): ModelInfo | undefined {
  const id = modelId.startsWith('models/') ? modelId.slice('models/'.length) : modelId;
  let best: ModelInfo | undefined;
  for (const entry of catalog) {
    const matches =
      id === entry.id ||
      // the separator check keeps `gemini-2.0-flash` from matching `gemini-2.0-flashy`
      (id.startsWith(entry.id) && id.charCodeAt(entry.id.length) === 45);
    if (matches && (best === undefined || entry.id.length > best.id.length)) best = entry;
  }
  return best;
}
