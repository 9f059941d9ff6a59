import type { ModelInfo } from '@hub/core';
import type { BedrockModelInfo } from './bedrock-model-catalog.js';

/**
 * The catalog as `ProviderMetadata.models`: every base model, then one entry per cross-region
 * inference profile (`us.…`, `eu.…`, `apac.…`, `global.…`) with the base model's figures, so that
 * a hub looking models up by exact id finds prices for profile ids too.
 *
 * @param catalog - Catalog entries with their inference-profile geographies.
 */
export function listBedrockModels(catalog: readonly BedrockModelInfo[]): ModelInfo[] {
  const models: ModelInfo[] = [];
  for (const { inferenceProfiles: _profiles, ...model } of catalog) models.push(model);
  for (const { inferenceProfiles, ...model } of catalog) {
    for (const geography of inferenceProfiles) models.push({ ...model, id: `${geography}.${model.id}` });
  }
  return models;
}
