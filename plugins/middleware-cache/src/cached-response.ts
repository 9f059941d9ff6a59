import type { CompletionResponse, EmbeddingResponse } from '@hub/core';

/** What the cache keeps: the answer to a completion (`complete`, `stream`) or an embedding. */
export type CachedResponse = CompletionResponse | EmbeddingResponse;
