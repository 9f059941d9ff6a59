import type { CompletionRequest } from './completion-request.js';
import { measureRequestText } from './measure-request-text.js';

// About four characters per token for English text with BPE tokenizers (OpenAI, Anthropic and
// Google all document roughly this figure); code and other languages run denser.
const CHARS_PER_TOKEN = 4;
// Role markers and separators each message costs on the wire (OpenAI's cookbook counts 3-4).
const TOKENS_PER_MESSAGE = 4;
// A mid-size image as providers bill it (OpenAI: 85 base + 170 per 512 px tile; Anthropic:
// width × height / 750); without decoding the image, a fixed middle figure.
const TOKENS_PER_IMAGE = 765;

/**
 * The hub's local estimate of a request's input tokens, for `hub.countTokens` when the provider
 * or model has no counting API (answered with `exact: false`): characters of every text, tool
 * call and tool schema divided by four, plus four tokens per message and a fixed 765 per image.
 * Linear in the request's size; at least 1 for any valid request.
 */
export function estimateInputTokens(request: CompletionRequest): number {
  const { characters, images } = measureRequestText(request);
  const tokens =
    Math.ceil(characters / CHARS_PER_TOKEN) +
    TOKENS_PER_MESSAGE * request.messages.length +
    TOKENS_PER_IMAGE * images;
  return Math.max(1, tokens);
}
