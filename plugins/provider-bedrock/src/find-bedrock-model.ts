import type { ModelInfo } from '@hub/core';
import { BEDROCK_MODEL_CATALOG, type BedrockModelInfo } from './bedrock-model-catalog.js';
import { toBaseModelId } from './to-base-model-id.js';

/**
 * Finds the catalog entry of a model id, looking through cross-region inference profile prefixes
 * and ARNs (see `toBaseModelId`), so `us.anthropic.claude-sonnet-4-5-20250929-v1:0` has the
 * capabilities and prices of `anthropic.claude-sonnet-4-5-20250929-v1:0`. An id without the
 * `:0` version suffix matches the entry with it.
 *
 * @param modelId - The model id without the provider prefix.
 * @param catalog - The catalog to search; default `BEDROCK_MODEL_CATALOG`.
 * @returns The entry, or `undefined` for a model the catalog does not know.
 */
export function findBedrockModel<T extends ModelInfo = BedrockModelInfo>(
  modelId: string,
  catalog: readonly T[] = BEDROCK_MODEL_CATALOG as unknown as readonly T[],
): T | undefined {
  const base = toBaseModelId(modelId);
  return catalog.find((entry) => entry.id === base || entry.id === `${base}:0`);
}
