// The embedding and token-counting wire formats, as documented at
// https://ai.google.dev/api/embeddings and https://ai.google.dev/api/tokens (the Gemini API,
// v1beta) and https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
// (Vertex AI's `:predict`). Only the fields this package reads or writes are typed.

import type { GeminiContent, GeminiRequest } from './gemini-wire-types.js';

/** What an embedding is used for (the two the unified `inputType` maps to). */
export type GeminiTaskType = 'RETRIEVAL_QUERY' | 'RETRIEVAL_DOCUMENT';

/** The body of `models/{model}:embedContent`, and one entry of `:batchEmbedContents`. */
export interface GeminiEmbedContentRequest {
  /** `models/{model}`: required inside a batch, where it must match the URL's model. */
  readonly model?: string;
  readonly content: GeminiContent;
  readonly taskType?: GeminiTaskType;
  readonly outputDimensionality?: number;
}

/** The body of `models/{model}:batchEmbedContents` (at most 100 requests). */
export interface GeminiBatchEmbedContentsRequest {
  readonly requests: readonly GeminiEmbedContentRequest[];
}

/** One vector. */
export interface GeminiContentEmbedding {
  readonly values?: readonly number[];
}

/** The answer of `:embedContent`. */
export interface GeminiEmbedContentResponse {
  readonly embedding?: GeminiContentEmbedding;
}

/** The answer of `:batchEmbedContents`: one embedding per request, in request order. */
export interface GeminiBatchEmbedContentsResponse {
  readonly embeddings?: readonly GeminiContentEmbedding[];
}

/** One instance of Vertex AI's text embedding `:predict` (fields in snake_case, as documented). */
export interface VertexEmbeddingInstance {
  readonly content: string;
  readonly task_type?: GeminiTaskType;
}

/** The body of Vertex AI's text embedding `:predict`. */
export interface VertexEmbeddingPredictRequest {
  readonly instances: readonly VertexEmbeddingInstance[];
  readonly parameters?: { readonly outputDimensionality?: number; readonly autoTruncate?: boolean };
}

/** One prediction of Vertex AI's text embedding `:predict`, in instance order. */
export interface VertexEmbeddingPrediction {
  readonly embeddings?: {
    readonly values?: readonly number[];
    /** `token_count` in the documented samples; `tokenCount` in the REST type reference. */
    readonly statistics?: {
      readonly token_count?: number;
      readonly tokenCount?: number;
      readonly truncated?: boolean;
    };
  };
}

/** The answer of Vertex AI's text embedding `:predict`. */
export interface VertexEmbeddingPredictResponse {
  readonly predictions?: readonly VertexEmbeddingPrediction[];
}

/**
 * The body of the Gemini API's `models/{model}:countTokens` for a whole request: the
 * `generateContent` body under `generateContentRequest` (which counts the system instruction and
 * the tools too; plain `contents` would count the messages only).
 */
export interface GeminiCountTokensRequest {
  readonly generateContentRequest: GeminiRequest & { readonly model: string };
}

/** The body of Vertex AI's `:countTokens`: the request's fields at the top level. */
export interface VertexCountTokensRequest {
  readonly contents: GeminiRequest['contents'];
  readonly systemInstruction?: GeminiRequest['systemInstruction'];
  readonly tools?: GeminiRequest['tools'];
  readonly generationConfig?: GeminiRequest['generationConfig'];
}

/** The answer of `:countTokens` (both APIs). */
export interface GeminiCountTokensResponse {
  readonly totalTokens?: number;
}
