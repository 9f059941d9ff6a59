import type { ModelCapabilities, ModelInfo } from '@hub/core';
import { findCatalogModel, type ListedModel } from '@hub/provider-utils';
import type { GeminiModelEntry } from './gemini-wire-types.js';

const MODEL_NAME_PREFIX = 'models/';
const UNKNOWN_CHAT: ModelCapabilities = { streaming: true, tools: false, vision: false, json: false };
const UNKNOWN_EMBEDDING: ModelCapabilities = {
  streaming: false,
  tools: false,
  vision: false,
  json: false,
  embedding: true,
};

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * The Gemini API's model list (`GET /models`, every page) as the kit's `ListedModel`s, to be merged
 * over the catalog by `mergeModelList`: models that `generateContent` or `embedContent` (others,
 * such as image or audio-only models, are left out), with `inputTokenLimit` as the context window,
 * `outputTokenLimit` as the largest output of chat models (an embedding model's `1` is no output
 * limit) and the list's `thinking` flag over the catalog's `reasoning`. A model the catalog does
 * not know is reported with unknown capabilities (`false`), or as an embedding model when it only
 * embeds.
 *
 * @param entries - `models` of the list pages; entries without a `models/…` name are skipped.
 * @param catalog - The built-in catalog the list is merged over.
 */
export function toListedGeminiModels(
  entries: readonly GeminiModelEntry[],
  catalog: readonly ModelInfo[],
): ListedModel[] {
  const listed: ListedModel[] = [];
  for (const entry of entries) {
    if (typeof entry?.name !== 'string' || !entry.name.startsWith(MODEL_NAME_PREFIX)) continue;
    const methods = Array.isArray(entry.supportedGenerationMethods) ? entry.supportedGenerationMethods : [];
    const generates = methods.includes('generateContent');
    if (!generates && !methods.includes('embedContent')) continue;
    const id = entry.name.slice(MODEL_NAME_PREFIX.length);
    const contextWindow = positive(entry.inputTokenLimit);
    const maxOutputTokens = generates ? positive(entry.outputTokenLimit) : undefined;
    const known = findCatalogModel(id, catalog);
    const thinking = typeof entry.thinking === 'boolean' ? entry.thinking : undefined;
    const capabilities =
      thinking !== undefined
        ? { ...(known?.capabilities ?? UNKNOWN_CHAT), reasoning: thinking }
        : known === undefined
          ? generates
            ? UNKNOWN_CHAT
            : UNKNOWN_EMBEDDING
          : undefined;
    listed.push({
      id,
      ...(contextWindow !== undefined && { contextWindow }),
      ...(maxOutputTokens !== undefined && { maxOutputTokens }),
      ...(capabilities !== undefined && { capabilities }),
    });
  }
  return listed;
}
