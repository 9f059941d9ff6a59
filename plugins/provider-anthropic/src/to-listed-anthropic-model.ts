import type { ModelCapabilities, ModelInfo } from '@hub/core';
import { findCatalogModel, type ListedModel } from '@hub/provider-utils';
import type { AnthropicModelEntry } from './anthropic-wire-types.js';

// Every Claude model served by the Messages API since the Claude 3 family has at least this
const DEFAULT_CONTEXT_WINDOW = 200_000;

// A dated snapshot (`claude-sonnet-4-5-20250929`) or `-latest` alias of a catalog alias: the very
// model the alias names, which Anthropic's pricing page prices as the alias
const SNAPSHOT_SUFFIX = /^-(?:\d{8}|latest)$/;

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function supported(entry: AnthropicModelEntry, name: string): boolean | undefined {
  const flag = entry.capabilities?.[name]?.supported;
  return typeof flag === 'boolean' ? flag : undefined;
}

/**
 * One entry of `GET /v1/models` as the kit's `mergeModelList` takes it: the limits the API
 * reports (`max_input_tokens`, `max_tokens`); for a snapshot of a catalog alias, the alias's
 * prices; for a model the catalog does not know, its capabilities (every Messages API model
 * streams and takes client tools, JSON is asked for in the prompt, vision and thinking as the API
 * reports them, else `false`) and the 200,000-token context window of every current Claude model
 * when the API reports none. Entries without a usable id give `undefined`.
 *
 * @param entry - One element of the list's `data`.
 * @param catalog - The built-in catalog.
 */
export function toListedAnthropicModel(
  entry: AnthropicModelEntry,
  catalog: readonly ModelInfo[],
): ListedModel | undefined {
  if (typeof entry?.id !== 'string' || entry.id === '') return undefined;
  const known = findCatalogModel(entry.id, catalog);
  const contextWindow = positive(entry.max_input_tokens);
  const maxOutputTokens = positive(entry.max_tokens);
  const limits = maxOutputTokens === undefined ? {} : { maxOutputTokens };
  if (known !== undefined) {
    const snapshot = SNAPSHOT_SUFFIX.test(entry.id.slice(known.id.length));
    return {
      id: entry.id,
      ...(contextWindow !== undefined && { contextWindow }),
      ...limits,
      ...(snapshot && known.pricing !== undefined && { pricing: known.pricing }),
    };
  }
  const capabilities: ModelCapabilities = {
    streaming: true,
    tools: true,
    vision: supported(entry, 'image_input') ?? false,
    json: true,
    reasoning: supported(entry, 'thinking') ?? false,
  };
  return { id: entry.id, contextWindow: contextWindow ?? DEFAULT_CONTEXT_WINDOW, ...limits, capabilities };
}
