import type { EmbeddingRequest } from '@hub/core';
import type { EmbeddingBatch } from '@hub/provider-utils';
import type { TitanEmbeddingRequest, TitanEmbeddingResponse } from './bedrock-wire-types.js';
import {
  type EmbeddingFamily,
  headerTokenCount,
  invalidEmbeddingRequest,
  toVector,
  unreadableEmbeddings,
} from './embedding-family.js';

/** The vector lengths Titan Text Embeddings V2 produces; anything else is refused before I/O. */
export const TITAN_V2_DIMENSIONS: readonly number[] = Object.freeze([1024, 512, 256]);

/**
 * Amazon Titan Text Embeddings V2 (`amazon.titan-embed-text-v2:0`) on InvokeModel: one text of
 * up to 50,000 characters per request, `{ inputText, dimensions?, embeddingTypes: ['float'] }`
 * (`normalize`, default true, from `providerParams`), answered with `embeddingsByType.float` (or
 * `embedding`) and `inputTextTokenCount`. `dimensions` must be 1,024, 512 or 256; `inputType` has
 * no Titan equivalent and is ignored.
 */
export const TITAN_EMBEDDING_FAMILY: EmbeddingFamily = Object.freeze({
  batchSize: 1,
  maxInputCharacters: 50_000,
  validate(request: EmbeddingRequest): void {
    const { dimensions } = request;
    if (dimensions !== undefined && !TITAN_V2_DIMENSIONS.includes(dimensions)) {
      throw invalidEmbeddingRequest(
        'dimensions',
        `must be 1024, 512 or 256 for Titan Text Embeddings V2 (got ${dimensions})`,
        request.model,
      );
    }
  },
  body(
    texts: readonly string[],
    request: EmbeddingRequest,
    extra: Readonly<Record<string, unknown>> | undefined,
  ): TitanEmbeddingRequest {
    return {
      ...extra,
      inputText: texts[0] as string,
      ...(request.dimensions !== undefined && { dimensions: request.dimensions }),
      embeddingTypes: ['float'],
    };
  },
  read(
    body: unknown,
    headers: Readonly<Record<string, string>>,
    count: number,
    model: string,
  ): EmbeddingBatch {
    const response = (typeof body === 'object' && body !== null ? body : {}) as TitanEmbeddingResponse;
    const vector = toVector(response.embeddingsByType?.float ?? response.embedding);
    if (vector === undefined || count !== 1) throw unreadableEmbeddings('holds no float vector', model);
    const counted = response.inputTextTokenCount;
    const inputTokens =
      typeof counted === 'number' && Number.isInteger(counted) && counted >= 0
        ? counted
        : (headerTokenCount(headers) ?? 0);
    return { embeddings: [vector], inputTokens };
  },
});
