import type { EmbeddingRequest } from '@hub/core';

// About four characters per token for English text with BPE tokenizers, the figure core's
// `estimateInputTokens` uses for completions too.
const CHARS_PER_TOKEN = 4;

/**
 * The default input token estimate of an embedding request: each input's characters divided by
 * four, rounded up (so at least one token per input, inputs being non-empty). Linear in the input
 * size; the reservation it makes is reconciled with the provider's `usage.inputTokens`.
 */
export function estimateEmbeddingTokens(request: EmbeddingRequest): number {
  if (typeof request.input === 'string') return Math.ceil(request.input.length / CHARS_PER_TOKEN);
  let tokens = 0;
  for (const input of request.input) tokens += Math.ceil(input.length / CHARS_PER_TOKEN);
  return tokens;
}
