import type { ModelCapabilities, ModelInfo } from '@hub/core';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
import type { AnthropicModelEntry } from './anthropic-wire-types.js';
import { findAnthropicModel } from './find-anthropic-model.js';

// Every Claude model served by the Messages API since the Claude 3 family has at least this
const DEFAULT_CONTEXT_WINDOW = 200_000;

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function supported(capabilities: unknown, name: string): boolean | undefined {
  if (typeof capabilities !== 'object' || capabilities === null) return undefined;
  const entry = (capabilities as Record<string, unknown>)[name];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const flag = (entry as { supported?: unknown }).supported;
  return typeof flag === 'boolean' ? flag : undefined;
}

function describeUnknown(entry: AnthropicModelEntry): ModelInfo {
  const capabilities = (entry as { capabilities?: unknown }).capabilities;
  const described: ModelCapabilities = {
    // every Messages API model streams and takes client tools; JSON is asked for in the prompt
    streaming: true,
    tools: true,
    vision: supported(capabilities, 'image_input') ?? false,
    json: true,
    reasoning: supported(capabilities, 'thinking') ?? false,
  };
  const maxOutputTokens = positive(entry.max_tokens);
  return {
    id: entry.id,
    contextWindow: positive(entry.max_input_tokens) ?? DEFAULT_CONTEXT_WINDOW,
    ...(maxOutputTokens !== undefined && { maxOutputTokens }),
    capabilities: described,
  };
}

/**
 * Combines the account's model list (`GET /v1/models`) with the built-in catalog. Each listed
 * model takes the catalog entry it resolves to (a dated id gets its alias's context window,
 * prices and capabilities), overridden by `max_input_tokens` / `max_tokens` when the API reports
 * them. Listed models the catalog does not know are included without prices (never priced as
 * zero), with the capabilities the API reports. Catalog aliases the list does not name are
 * appended, so requests by alias still find their entry.
 *
 * @param entries - `data` of the model list; unusable entries (no string id) are skipped.
 * @param catalog - The built-in catalog; default `ANTHROPIC_MODEL_CATALOG`.
 * @returns Listed models first, in the API's order, then the remaining catalog aliases.
 */
export function mergeAnthropicModels(
  entries: readonly AnthropicModelEntry[],
  catalog: readonly ModelInfo[] = ANTHROPIC_MODEL_CATALOG,
): ModelInfo[] {
  const models: ModelInfo[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (typeof entry?.id !== 'string' || entry.id === '' || seen.has(entry.id)) continue;
    seen.add(entry.id);
    const known = findAnthropicModel(entry.id, catalog);
    if (known === undefined) {
      models.push(describeUnknown(entry));
      continue;
    }
    const maxOutputTokens = positive(entry.max_tokens) ?? known.maxOutputTokens;
    models.push({
      ...known,
      id: entry.id,
      contextWindow: positive(entry.max_input_tokens) ?? known.contextWindow,
      ...(maxOutputTokens !== undefined && { maxOutputTokens }),
    });
  }
  for (const known of catalog) if (!seen.has(known.id)) models.push(known);
  return models;
}
