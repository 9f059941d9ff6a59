import type { CompletionResponse } from '@hub/core';

/**
 * Compact JSON of `response` for a store, without `raw`: the provider's raw body can be many
 * times larger than the answer and nothing replayed from a cache needs it.
 */
export function encodeCachedResponse(response: CompletionResponse): string {
  if (response.raw === undefined) return JSON.stringify(response);
  const { raw: _raw, ...kept } = response;
  return JSON.stringify(kept);
}
