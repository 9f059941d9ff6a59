import { z } from 'zod';
import { boundedArray, boundedString, identifier } from '../wire/schema-bounds.js';

const text = boundedString('maxEmbeddingInputLength').min(1, { error: 'must not be empty' });

/**
 * The Embeddings request fields the gateway reads, typed as OpenAI documents them, plus
 * `input_type` (not OpenAI's: the extension LiteLLM and Cohere clients send, for providers whose
 * vectors differ for queries and documents). Unknown fields are ignored; a known field of the wrong
 * type is refused. Token arrays (`input` as numbers) are refused before this schema runs (see
 * `parseEmbeddingsRequest`).
 */
export const embeddingsBodySchema = z.object({
  model: identifier,
  input: z.union([text, boundedArray(text, 'maxEmbeddingInputs').min(1)], {
    error: 'must be a string or an array of strings',
  }),
  dimensions: z.number().int().min(1, { error: 'must be a positive integer' }).nullish(),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  user: boundedString('maxShortTextLength').nullish(),
  input_type: z
    .enum(['query', 'document', 'search_query', 'search_document'], {
      error: 'must be "query" or "document" (or Cohere’s "search_query" or "search_document")',
    })
    .nullish(),
});

/** A validated Embeddings body. */
export type EmbeddingsBody = z.infer<typeof embeddingsBodySchema>;
