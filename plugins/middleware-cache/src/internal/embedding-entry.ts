import type { Cost, EmbeddingResponse } from '@hub/core';
import { vectorBytes, vectorsOf } from './vector-bytes.js';

/**
 * An embedding response as stores keep it: a small JSON header (provider, model, usage, cost and
 * the length of each vector) and every vector's float32 values, little-endian, in one buffer.
 * A quarter of the memory of JSON number arrays, and decoded with one copy at most.
 */
export interface EmbeddingEntry {
  readonly header: string;
  readonly bytes: Uint8Array;
}

interface EmbeddingHeader {
  readonly provider: string;
  readonly model: string;
  readonly usage: { readonly inputTokens: number };
  readonly cost?: Cost;
  readonly lengths: readonly number[];
}

/** The entry of `response`; copies the vectors, so later changes to them never reach the store. */
export function encodeEmbeddingEntry(response: EmbeddingResponse): EmbeddingEntry {
  const header: EmbeddingHeader = {
    provider: response.provider,
    model: response.model,
    usage: { inputTokens: response.usage.inputTokens },
    ...(response.cost !== undefined && { cost: response.cost }),
    lengths: response.embeddings.map((vector) => vector.length),
  };
  return { header: JSON.stringify(header), bytes: vectorBytes(response.embeddings) };
}

/**
 * The response of an entry, its vectors viewing `bytes` without a copy (so `bytes` must belong
 * to the caller, start at a multiple of 4 bytes, and never be written again). Undefined when the
 * header does not parse or does not match the bytes.
 */
export function decodeEmbeddingEntry(header: string, bytes: Uint8Array): EmbeddingResponse | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return undefined;
  }
  if (!isHeader(parsed)) return undefined;
  const embeddings = vectorsOf(bytes, parsed.lengths);
  if (embeddings === undefined) return undefined;
  return {
    provider: parsed.provider,
    model: parsed.model,
    embeddings,
    usage: parsed.usage,
    ...(parsed.cost !== undefined && { cost: parsed.cost }),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const isAmount = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

function isHeader(value: unknown): value is EmbeddingHeader {
  if (!isRecord(value) || typeof value.provider !== 'string' || typeof value.model !== 'string') return false;
  if (!isRecord(value.usage) || !isCount(value.usage.inputTokens)) return false;
  const cost = value.cost;
  if (
    cost !== undefined &&
    !(isRecord(cost) && isAmount(cost.inputUsd) && isAmount(cost.outputUsd) && isAmount(cost.totalUsd))
  )
    return false;
  return Array.isArray(value.lengths) && value.lengths.every(isCount);
}
