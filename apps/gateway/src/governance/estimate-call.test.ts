import type { CompletionRequest, EmbeddingRequest } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ESTIMATED_OUTPUT_TOKENS, estimateCall } from './estimate-call.js';
import type { TargetPrice } from './price-book.js';

const cheap: TargetPrice = {
  address: 'a/cheap',
  pricing: { inputPer1k: 0.001, outputPer1k: 0.002 },
  maxOutputTokens: 16_000,
};
const dear: TargetPrice = {
  address: 'b/dear',
  pricing: { inputPer1k: 0.01, outputPer1k: 0.03, cachedInputPer1k: 0.001 },
  maxOutputTokens: 1_000,
};
const unpriced: TargetPrice = { address: 'c/local', pricing: undefined, maxOutputTokens: undefined };

// 400 characters and one message: 100 + 4 input tokens by estimateInputTokens
const request = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'route',
  messages: [{ role: 'user', content: 'x'.repeat(400) }],
  ...extra,
});

describe('estimateCall', () => {
  it('prices input estimate plus max_tokens, taking the dearest target a route may fall back to', () => {
    const estimate = estimateCall(request({ maxTokens: 200 }), [cheap, dear]);
    expect(estimate).toMatchObject({ inputTokens: 104, outputTokens: 200, pricing: dear.pricing });
    expect(estimate.costUsd).toBeCloseTo((104 * 0.01 + 200 * 0.03) / 1000, 12);
  });

  it('without max_tokens allows the documented default, capped by each model’s output limit', () => {
    const onCheap = estimateCall(request(), [cheap]);
    expect(onCheap.outputTokens).toBe(DEFAULT_ESTIMATED_OUTPUT_TOKENS);
    expect(onCheap.costUsd).toBeCloseTo((104 * 0.001 + 4096 * 0.002) / 1000, 12);
    const onDear = estimateCall(request(), [dear]);
    expect(onDear.outputTokens).toBe(1_000);
    expect(onDear.costUsd).toBeCloseTo((104 * 0.01 + 1000 * 0.03) / 1000, 12);
  });

  it('is 0 USD without prices (unpriced targets, or a model that names nothing)', () => {
    expect(estimateCall(request({ maxTokens: 50 }), [unpriced])).toMatchObject({
      costUsd: 0,
      pricing: undefined,
      outputTokens: 50,
    });
    expect(estimateCall(request(), [])).toMatchObject({
      costUsd: 0,
      outputTokens: DEFAULT_ESTIMATED_OUTPUT_TOKENS,
    });
    expect(estimateCall(request(), [unpriced, cheap]).pricing).toBe(cheap.pricing);
  });

  it('prices embeddings by input only, at least one token per input', () => {
    const embedding: EmbeddingRequest = { model: 'embed', input: ['x'.repeat(40), '', 'abc'] };
    const estimate = estimateCall(embedding, [cheap]);
    expect(estimate).toMatchObject({ inputTokens: 10 + 1 + 1, outputTokens: 0 });
    expect(estimate.costUsd).toBeCloseTo((12 * 0.001) / 1000, 12);
    expect(estimateCall({ model: 'embed', input: 'x'.repeat(8) }, [cheap]).inputTokens).toBe(2);
  });
});
