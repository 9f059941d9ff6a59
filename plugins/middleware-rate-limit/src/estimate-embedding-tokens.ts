import type { EmbeddingRequest } from '@hub/core';
import { estimateEmbeddingTokens as estimateWithCore } from '@hub/core';

/**
 * The default input token estimate of an embedding request: core's `estimateEmbeddingTokens`
 * (each input's characters divided by four, rounded up, at least one token per input). Linear in
 * the input size; the reservation it makes is reconciled with the provider's `usage.inputTokens`
 * when the provider counted them itself.
 */
export const estimateEmbeddingTokens: (request: EmbeddingRequest) => number = estimateWithCore;
