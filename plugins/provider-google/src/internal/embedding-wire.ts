import type { EmbeddingRequest } from '@hub/core';
import type { EmbeddingBatch } from '@hub/provider-utils';
import type { VectorOrigin } from '../read-embedding-vectors.js';

/** What one embedding batch needs to know about its call. */
export interface EmbedBatchContext {
  readonly request: EmbeddingRequest;
  /** The model's resource path below the base URL (`/models/gemini-embedding-001`). */
  readonly modelPath: string;
  /** `request.providerParams[providerId]`, merged into the wire request. */
  readonly extra: Readonly<Record<string, unknown>> | undefined;
}

/** How one API (the Gemini API, Vertex AI) embeds: its batch limits, requests and responses. */
export interface EmbeddingWire {
  /** The batches one call is split into, within the API's documented limits, in input order. */
  batches(model: string, inputs: readonly string[]): string[][];
  /** The method (appended to the model path) and body that embed one batch. */
  request(
    batch: readonly string[],
    context: EmbedBatchContext,
  ): { readonly method: string; readonly body: unknown };
  /**
   * The vectors of one batch's response.
   *
   * @throws ConnectorError `parse` when the response does not hold one vector per input.
   */
  read(body: unknown, batch: readonly string[], origin: VectorOrigin): EmbeddingBatch;
}
