import { type CompletionRequest, measureRequestText } from '@hub/core';

// the mock's "tokenizer": four characters a token, the figure providers document for English
const CHARS_PER_TOKEN = 4;
// an image costs a fixed count, as the hub's own estimate charges one
const TOKENS_PER_IMAGE = 765;

/** Tokens of `text` as the mock counts them: a quarter of its characters, rounded up, at least 1. */
export function countTextTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / CHARS_PER_TOKEN));
}

/**
 * The input tokens of a request as the mock counts them — what its `countTokens` answers (exact)
 * and what its completions report as `usage.inputTokens`, so a count always predicts the usage:
 * the characters the hub's estimate counts (`measureRequestText`: every message text, reasoning
 * text, tool call and tool definition) divided by four and rounded up, plus 765 per image; at
 * least 1. Unlike the hub's estimate (`estimateInputTokens`) it adds nothing per message. Linear
 * in the request's size.
 */
export function countMockTokens(request: CompletionRequest): number {
  const { characters, images } = measureRequestText(request);
  return Math.max(1, Math.ceil(characters / CHARS_PER_TOKEN)) + TOKENS_PER_IMAGE * images;
}
