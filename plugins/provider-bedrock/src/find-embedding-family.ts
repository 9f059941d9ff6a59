import { COHERE_EMBEDDING_FAMILY } from './cohere-embedding-family.js';
import type { EmbeddingFamily } from './embedding-family.js';
import { TITAN_EMBEDDING_FAMILY } from './titan-embedding-family.js';
import { toBaseModelId } from './to-base-model-id.js';

// base model id prefixes, so versions (`:0`), profile prefixes and ARNs find their family
const FAMILIES: readonly (readonly [prefix: string, family: EmbeddingFamily])[] = [
  ['amazon.titan-embed-text-v2', TITAN_EMBEDDING_FAMILY],
  ['cohere.embed-english-v3', COHERE_EMBEDDING_FAMILY],
  ['cohere.embed-multilingual-v3', COHERE_EMBEDDING_FAMILY],
];

/**
 * The embedding wire format of a model id (a base id, an inference profile id or an ARN), or
 * `undefined` for a model this provider cannot embed with.
 */
export function findEmbeddingFamily(model: string): EmbeddingFamily | undefined {
  const base = toBaseModelId(model);
  for (const [prefix, family] of FAMILIES) if (base.startsWith(prefix)) return family;
  return undefined;
}
