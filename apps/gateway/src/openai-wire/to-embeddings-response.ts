import type { EmbeddingResponse } from '@hub/core';
import { embeddingToBase64, embeddingToNumbers } from './encode-embedding.js';
import type { EmbeddingsRequest } from './parse-embeddings-request.js';

/** OpenAI's Embeddings response body. */
export interface OpenAIEmbeddingsResponse {
  readonly object: 'list';
  readonly data: readonly {
    readonly object: 'embedding';
    readonly index: number;
    readonly embedding: number[] | string;
  }[];
  readonly model: string;
  readonly usage: { readonly prompt_tokens: number; readonly total_tokens: number };
}

/** Writes a unified embedding response in OpenAI's shape, vectors in the requested encoding. */
export function toEmbeddingsResponse(
  response: EmbeddingResponse,
  parsed: Pick<EmbeddingsRequest, 'encoding'>,
): OpenAIEmbeddingsResponse {
  const encode = parsed.encoding === 'base64' ? embeddingToBase64 : embeddingToNumbers;
  return {
    object: 'list',
    data: response.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: encode(vector),
    })),
    model: response.model,
    usage: { prompt_tokens: response.usage.inputTokens, total_tokens: response.usage.inputTokens },
  };
}
