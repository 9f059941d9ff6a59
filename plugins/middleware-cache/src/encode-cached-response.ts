import { Buffer } from 'node:buffer';
import type { CompletionResponse } from '@hub/core';
import type { CachedResponse } from './cached-response.js';
import { encodeEmbeddingEntry } from './internal/embedding-entry.js';

/**
 * The text a store keeps for `response`:
 *
 * - a completion is compact JSON without `raw` (the provider's raw body can be many times larger
 *   than the answer and nothing replayed from a cache needs it);
 * - an embedding is a JSON header (provider, model, usage, cost, vector lengths), a newline, and
 *   the base64 of every vector's float32 values, little-endian: a third of the size of JSON
 *   numbers, and exact (JSON would round-trip through float64 text).
 *
 * JSON never contains a raw newline, so the two are told apart by it.
 */
export function encodeCachedResponse(response: CachedResponse): string {
  if ('embeddings' in response) {
    const entry = encodeEmbeddingEntry(response);
    return `${entry.header}\n${Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength).toString('base64')}`;
  }
  return encodeCompletion(response);
}

/** Compact JSON of a completion without `raw`. */
export function encodeCompletion(response: CompletionResponse): string {
  if (response.raw === undefined) return JSON.stringify(response);
  const { raw: _raw, ...kept } = response;
  return JSON.stringify(kept);
}
