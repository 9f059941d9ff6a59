import type { EmbeddingRequest } from './embedding-request.js';

// The same rule as estimateInputTokens: about four characters per token with BPE tokenizers
const CHARS_PER_TOKEN = 4;

/**
 * The hub's local estimate of an embedding request's input tokens: each input's characters over
 * four, rounded up, at least 1 per input. Used when a provider reports no count (the Gemini API
 * returns none), so cost, budgets and token rate limits never see a free call. Linear in the
 * inputs' length.
 */
export function estimateEmbeddingTokens(request: EmbeddingRequest): number {
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  let tokens = 0;
  for (const input of inputs) tokens += Math.max(1, Math.ceil(input.length / CHARS_PER_TOKEN));
  return tokens;
}
