import type { EmbeddingRequest } from '@hub/core';
import type { EmbeddingBatch } from '@hub/provider-utils';
import type { CohereEmbeddingRequest, CohereEmbeddingResponse } from './bedrock-wire-types.js';
import {
  type EmbeddingFamily,
  headerTokenCount,
  invalidEmbeddingRequest,
  toVector,
  unreadableEmbeddings,
} from './embedding-family.js';

/** The one vector length of Cohere Embed v3. */
const COHERE_V3_DIMENSIONS = 1024;

/**
 * Cohere Embed v3 (`cohere.embed-english-v3`, `cohere.embed-multilingual-v3`) on InvokeModel: up
 * to 96 texts of up to 2,048 characters per request, `{ texts, input_type, embedding_types:
 * ['float'] }` (`truncate` from `providerParams`). `inputType` `query` → `search_query`,
 * `document` → `search_document`; without it, `providerParams['aws-bedrock'].input_type`
 * (`classification`, `clustering`), else `search_document` (the field is required). The vectors
 * are read from `embeddings.float` (or a plain `embeddings` array), one per text in order; the
 * token count from the `x-amzn-bedrock-input-token-count` header, as the body carries none.
 * `dimensions` other than 1,024 is refused before I/O.
 */
export const COHERE_EMBEDDING_FAMILY: EmbeddingFamily = Object.freeze({
  batchSize: 96,
  maxInputCharacters: 2048,
  validate(request: EmbeddingRequest): void {
    const { dimensions } = request;
    if (dimensions !== undefined && dimensions !== COHERE_V3_DIMENSIONS) {
      throw invalidEmbeddingRequest(
        'dimensions',
        `must be 1024 for Cohere Embed v3, whose vectors cannot be shortened (got ${dimensions})`,
        request.model,
      );
    }
  },
  body(
    texts: readonly string[],
    request: EmbeddingRequest,
    extra: Readonly<Record<string, unknown>> | undefined,
  ): CohereEmbeddingRequest {
    const requested =
      request.inputType === 'query'
        ? 'search_query'
        : request.inputType === 'document'
          ? 'search_document'
          : undefined;
    const given = typeof extra?.input_type === 'string' ? extra.input_type : undefined;
    return {
      ...extra,
      texts,
      input_type: requested ?? given ?? 'search_document',
      embedding_types: ['float'],
    };
  },
  read(
    body: unknown,
    headers: Readonly<Record<string, string>>,
    count: number,
    model: string,
  ): EmbeddingBatch {
    const response = (typeof body === 'object' && body !== null ? body : {}) as CohereEmbeddingResponse;
    const embeddings = response.embeddings;
    const list = Array.isArray(embeddings)
      ? embeddings
      : (embeddings as { float?: unknown } | undefined)?.float;
    if (!Array.isArray(list)) throw unreadableEmbeddings('holds no float vectors', model);
    if (list.length !== count) {
      throw unreadableEmbeddings(`holds ${list.length} vectors for ${count} texts`, model);
    }
    const vectors: Float32Array[] = new Array(count);
    for (let index = 0; index < count; index++) {
      const vector = toVector(list[index]);
      if (vector === undefined)
        throw unreadableEmbeddings(`vector ${index} is not an array of numbers`, model);
      vectors[index] = vector;
    }
    return { embeddings: vectors, inputTokens: headerTokenCount(headers) ?? 0 };
  },
});
