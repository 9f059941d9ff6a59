import type { EmbeddingRequest } from '@hub/core';

/** How much an embedding request asked to embed, as logged instead of its text. */
export interface EmbeddingInputSize {
  /** Number of input strings. */
  readonly inputs: number;
  /** Characters of all inputs together. */
  readonly inputCharacters: number;
}

/**
 * The size of an embedding request's input. Embedding inputs are user text, like prompts, and are
 * never logged, whatever the sanitizer's `includeContent` says: documents embedded for search are
 * often whole files or records, and a log line is the wrong place for them.
 */
export function describeEmbeddingInput(request: EmbeddingRequest): EmbeddingInputSize {
  if (typeof request.input === 'string') return { inputs: 1, inputCharacters: request.input.length };
  let inputCharacters = 0;
  for (const input of request.input) inputCharacters += input.length;
  return { inputs: request.input.length, inputCharacters };
}
