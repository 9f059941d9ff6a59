import type { ModelInfo } from '@hub/core';
import { findGeminiModel } from './find-gemini-model.js';
import { GEMINI_MODEL_CATALOG } from './gemini-model-catalog.js';
import type { GeminiModelEntry } from './gemini-wire-types.js';

const MODEL_NAME_PREFIX = 'models/';

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function generatesContent(entry: GeminiModelEntry): boolean {
  const methods = entry.supportedGenerationMethods;
  return Array.isArray(methods) && methods.includes('generateContent');
}

/**
 * Combines the Gemini API's model list (`GET /models`) with the built-in catalog. Only models
 * that support `generateContent` are kept (embedding and image models are not chat models).
 * Each listed model takes the catalog entry it resolves to (a versioned or preview id gets its
 * family's capabilities), with `inputTokenLimit` / `outputTokenLimit` / `thinking` from the list
 * overriding the catalog. Prices are carried over only for the exact catalog id, since previews
 * and versions may be priced differently; a model the catalog does not know is listed without
 * prices (never priced as zero) and with `tools`, `vision` and `json` reported as unknown
 * (`false`). Catalog models the list does not name are appended.
 *
 * @param entries - `models` of the list pages; entries without a `models/…` name are skipped.
 * @param catalog - The built-in catalog; default `GEMINI_MODEL_CATALOG`.
 * @returns Listed models first, in the API's order, then the remaining catalog models.
 */
export function mergeGeminiModels(
  entries: readonly GeminiModelEntry[],
  catalog: readonly ModelInfo[] = GEMINI_MODEL_CATALOG,
): ModelInfo[] {
  const models: ModelInfo[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (typeof entry?.name !== 'string' || !entry.name.startsWith(MODEL_NAME_PREFIX)) continue;
    if (!generatesContent(entry)) continue;
    const id = entry.name.slice(MODEL_NAME_PREFIX.length);
    if (id === '' || seen.has(id)) continue;
    seen.add(id);
    const known = findGeminiModel(id, catalog);
    const thinking = typeof entry.thinking === 'boolean' ? entry.thinking : undefined;
    const maxOutputTokens = positive(entry.outputTokenLimit) ?? known?.maxOutputTokens;
    const capabilities = known?.capabilities ?? { streaming: true, tools: false, vision: false, json: false };
    models.push({
      id,
      contextWindow: positive(entry.inputTokenLimit) ?? known?.contextWindow ?? 32_768,
      ...(maxOutputTokens !== undefined && { maxOutputTokens }),
      capabilities: thinking === undefined ? capabilities : { ...capabilities, reasoning: thinking },
      ...(known?.id === id && known.pricing !== undefined && { pricing: known.pricing }),
    });
  }
  for (const known of catalog) if (!seen.has(known.id)) models.push(known);
  return models;
}
