import type { EmbeddingInputType } from '@hub/core';
import type { GeminiTaskType } from './gemini-embedding-wire-types.js';

/**
 * The task type of an embedding's intended use: `query` → `RETRIEVAL_QUERY`, `document` →
 * `RETRIEVAL_DOCUMENT`; none → `undefined`, leaving the model's default (and any `taskType`
 * given in `providerParams`, such as `SEMANTIC_SIMILARITY`).
 */
export function toGeminiTaskType(inputType: EmbeddingInputType | undefined): GeminiTaskType | undefined {
  if (inputType === 'query') return 'RETRIEVAL_QUERY';
  if (inputType === 'document') return 'RETRIEVAL_DOCUMENT';
  return undefined;
}
