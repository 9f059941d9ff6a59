import { describe, expect, it } from 'vitest';
import { computeEmbeddingCost } from './compute-embedding-cost.js';

// text-embedding-3-small's list price: $0.02 per million tokens
const small = { inputPer1k: 0.00002, outputPer1k: 0 };

describe('computeEmbeddingCost', () => {
  it('prices input tokens at inputPer1k, with nothing for output', () => {
    const cost = computeEmbeddingCost({ inputTokens: 50_000 }, small);
    expect(cost.inputUsd).toBeCloseTo(0.001, 15);
    expect(cost.outputUsd).toBe(0);
    expect(cost.totalUsd).toBe(cost.inputUsd);
  });

  it('ignores output, cache and tier prices, which embedding calls never incur', () => {
    const cost = computeEmbeddingCost(
      { inputTokens: 1000 },
      {
        inputPer1k: 0.0001,
        outputPer1k: 0.5,
        cachedInputPer1k: 0.00001,
        tiers: [{ promptTokensAbove: 10, pricing: { inputPer1k: 9, outputPer1k: 9 } }],
      },
    );
    expect(cost.totalUsd).toBeCloseTo(0.0001, 15);
  });

  it('costs nothing for a provider that reported no (or a nonsensical) token count', () => {
    for (const inputTokens of [0, -5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(computeEmbeddingCost({ inputTokens }, small).totalUsd).toBe(0);
  });
});
