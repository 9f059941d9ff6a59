import type { EmbeddingResponse } from '@hub/core';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether `value` has the shape of an `EmbeddingResponse` (vectors as `Float32Array`s): the check
 * the cache runs on what a store returns for an embedding key, so a corrupt or foreign entry is a
 * miss instead of reaching a caller. (Core's `isEmbeddingResponse` only tells the two response
 * types of a typed union apart.)
 */
export function isEmbeddingResponseShape(value: unknown): value is EmbeddingResponse {
  if (!isRecord(value) || typeof value.provider !== 'string' || typeof value.model !== 'string') return false;
  const usage = value.usage;
  if (!isRecord(usage) || typeof usage.inputTokens !== 'number' || !(usage.inputTokens >= 0)) return false;
  const embeddings = value.embeddings;
  return Array.isArray(embeddings) && embeddings.every((vector) => vector instanceof Float32Array);
}
