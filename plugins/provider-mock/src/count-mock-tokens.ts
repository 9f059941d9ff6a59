import type { CompletionRequest } from '@hub/core';

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
 * the characters of every message text, reasoning text, tool call (name and arguments) and tool
 * definition (name, description, JSON schema) divided by four and rounded up, plus 765 per
 * image; at least 1. Unlike the hub's estimate it adds nothing per message. Linear in the
 * request's size.
 */
export function countMockTokens(request: CompletionRequest): number {
  let characters = 0;
  let images = 0;
  for (const message of request.messages) {
    if (typeof message.content === 'string') characters += message.content.length;
    else {
      for (const part of message.content) {
        if (part.type === 'image') images++;
        else characters += part.text.length;
      }
    }
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) characters += call.name.length + call.arguments.length;
    }
  }
  for (const tool of request.tools ?? []) {
    characters += tool.name.length + (tool.description?.length ?? 0) + JSON.stringify(tool.parameters).length;
  }
  return Math.max(1, Math.ceil(characters / CHARS_PER_TOKEN)) + TOKENS_PER_IMAGE * images;
}
