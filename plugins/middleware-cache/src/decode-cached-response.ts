import { Buffer } from 'node:buffer';
import type { CompletionResponse } from '@hub/core';
import type { CachedResponse } from './cached-response.js';
import { decodeEmbeddingEntry } from './internal/embedding-entry.js';
import { isCompletionResponse } from './is-completion-response.js';

/**
 * Parses what `encodeCachedResponse` wrote. An embedding's vectors are decoded straight from
 * base64 into one new buffer that they share (no further copy). Returns undefined for text that
 * does not parse or does not have the shape of a response, so stores can treat corrupt entries
 * as misses.
 */
export function decodeCachedResponse(text: string): CachedResponse | undefined {
  const newline = text.indexOf('\n');
  return newline === -1 ? decodeCompletion(text) : decodeEmbedding(text, newline);
}

/** Parses a completion's JSON; undefined when it does not parse or is not a response. */
export function decodeCompletion(text: string): CompletionResponse | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isCompletionResponse(parsed) ? parsed : undefined;
}

function decodeEmbedding(text: string, newline: number): CachedResponse | undefined {
  const base64 = text.slice(newline + 1);
  // base64 of n bytes is 4 * ceil(n / 3) characters; a buffer that large always holds them
  const bytes = new Uint8Array(Math.floor((base64.length / 4) * 3));
  const written = Buffer.from(bytes.buffer).write(base64, 'base64');
  return decodeEmbeddingEntry(text.slice(0, newline), bytes.subarray(0, written));
}
