import type { CompletionResponse } from '@hub/core';
import { isCompletionResponse } from './is-completion-response.js';

/**
 * Parses what `encodeCachedResponse` wrote. Returns undefined for text that does not parse or
 * does not have the shape of a response, so stores can treat corrupt entries as misses.
 */
export function decodeCachedResponse(text: string): CompletionResponse | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isCompletionResponse(parsed) ? parsed : undefined;
}
