import { ConnectorError, type EmbeddingRequest } from '@hub/core';
import type { EmbeddingBatch } from '@hub/provider-utils';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';

/**
 * One embedding wire format of the Bedrock Runtime (InvokeModel bodies differ per model family):
 * its batch and input limits, the request body and how to read the answer.
 */
export interface EmbeddingFamily {
  /** Most texts one InvokeModel request takes (Titan 1, Cohere 96). */
  readonly batchSize: number;
  /** Longest text the API takes, in characters (Titan 50,000, Cohere 2,048). */
  readonly maxInputCharacters: number;
  /**
   * Checks what the family allows beyond the hub's validation (`dimensions`), before any I/O.
   *
   * @throws ConnectorError `invalid_request` naming the field.
   */
  validate(request: EmbeddingRequest): void;
  /**
   * The InvokeModel body for `texts`: `extra` (`providerParams['aws-bedrock']`) first, so the
   * fields this provider sets (the texts, the vector type) always win.
   */
  body(
    texts: readonly string[],
    request: EmbeddingRequest,
    extra: Readonly<Record<string, unknown>> | undefined,
  ): object;
  /**
   * Reads one response: exactly `count` vectors as `Float32Array`s, and the input tokens (from
   * the body, else the `x-amzn-bedrock-input-token-count` header, else 0).
   *
   * @throws ConnectorError `parse` when the body holds no vectors or another number of them.
   */
  read(
    body: unknown,
    headers: Readonly<Record<string, string>>,
    count: number,
    model: string,
  ): EmbeddingBatch;
}

/** The `invalid_request` error of an embedding request, before any I/O. */
export function invalidEmbeddingRequest(field: string, problem: string, model: string): ConnectorError {
  return new ConnectorError('invalid_request', `${field} ${problem}.`, {
    field,
    providerId: BEDROCK_PROVIDER_ID,
    model,
  });
}

/** The `parse` error of an embedding response that does not hold what was asked for. */
export function unreadableEmbeddings(problem: string, model: string, status?: number): ConnectorError {
  return new ConnectorError('parse', `The embedding response ${problem}.`, {
    providerId: BEDROCK_PROVIDER_ID,
    model,
    ...(status !== undefined && { status }),
  });
}

/** The input tokens Bedrock reports in a header of InvokeModel responses, when it does. */
export function headerTokenCount(headers: Readonly<Record<string, string>>): number | undefined {
  const value = Number(headers['x-amzn-bedrock-input-token-count']);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A JSON array of numbers as a `Float32Array`, or `undefined` when it is not one. */
export function toVector(value: unknown): Float32Array | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  // one pass to check, one to convert: JSON arrays cannot be decoded without a copy
  for (const component of value) if (typeof component !== 'number') return undefined;
  return new Float32Array(value as number[]);
}
