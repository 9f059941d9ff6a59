import type { ModelPricing } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { computeCost } from './compute-cost.js';

const gpt4oMini: ModelPricing = { inputPer1k: 0.00015, outputPer1k: 0.0006, cachedInputPer1k: 0.000075 };
const claudeSonnet: ModelPricing = {
  inputPer1k: 0.003,
  outputPer1k: 0.015,
  cachedInputPer1k: 0.0003,
  cacheWriteInputPer1k: 0.00375,
};

describe('computeCost', () => {
  it('prices input and output per 1,000 tokens', () => {
    const cost = computeCost({ inputTokens: 1000, outputTokens: 500, totalTokens: 1500 }, gpt4oMini);
    expect(cost.inputUsd).toBeCloseTo(0.00015, 15);
    expect(cost.outputUsd).toBeCloseTo(0.0003, 15);
    expect(cost.totalUsd).toBeCloseTo(0.00045, 15);
  });

  it('bills cached input at the cached price and only the rest at the input price', () => {
    // 800 uncached × 0.00015 + 1200 cached × 0.000075 = 0.00021; 500 × 0.0006 = 0.0003
    const cost = computeCost(
      { inputTokens: 2000, outputTokens: 500, totalTokens: 2500, cachedInputTokens: 1200 },
      gpt4oMini,
    );
    expect(cost.inputUsd).toBeCloseTo(0.00021, 15);
    expect(cost.outputUsd).toBeCloseTo(0.0003, 15);
    expect(cost.totalUsd).toBeCloseTo(0.00051, 15);
  });

  it('bills cache writes at the cache-write price (a Claude model)', () => {
    // 3000 uncached × 0.003 = 0.009; 4000 read × 0.0003 = 0.0012; 3000 written × 0.00375 = 0.01125
    const cost = computeCost(
      {
        inputTokens: 10_000,
        outputTokens: 800,
        totalTokens: 10_800,
        cachedInputTokens: 4000,
        cacheWriteInputTokens: 3000,
      },
      claudeSonnet,
    );
    expect(cost.inputUsd).toBeCloseTo(0.02145, 15);
    expect(cost.outputUsd).toBeCloseTo(0.012, 15);
    expect(cost.totalUsd).toBeCloseTo(0.03345, 15);
  });

  it('falls back to the input price when no cache price is known', () => {
    const cost = computeCost(
      {
        inputTokens: 1000,
        outputTokens: 0,
        totalTokens: 1000,
        cachedInputTokens: 500,
        cacheWriteInputTokens: 200,
      },
      { inputPer1k: 0.001, outputPer1k: 0.002 },
    );
    expect(cost.inputUsd).toBeCloseTo(0.001, 15);
    expect(cost.outputUsd).toBe(0);
  });

  it('bills reasoning as output (it is part of outputTokens)', () => {
    const cost = computeCost(
      { inputTokens: 0, outputTokens: 1000, totalTokens: 1000, reasoningTokens: 900 },
      { inputPer1k: 0.0011, outputPer1k: 0.0044 },
    );
    expect(cost.totalUsd).toBeCloseTo(0.0044, 15);
  });

  it('never goes negative on inconsistent usage figures', () => {
    const cost = computeCost(
      {
        inputTokens: 100,
        outputTokens: -5,
        totalTokens: 95,
        cachedInputTokens: 150,
        cacheWriteInputTokens: 50,
      },
      claudeSonnet,
    );
    // all 100 input tokens are cache reads; writes and output clamp to zero
    expect(cost.inputUsd).toBeCloseTo(0.00003, 15);
    expect(cost.outputUsd).toBe(0);
    expect(cost.totalUsd).toBeCloseTo(0.00003, 15);
  });

  it('is zero for zero tokens at known prices (known free, unlike unknown)', () => {
    expect(computeCost({ inputTokens: 0, outputTokens: 0, totalTokens: 0 }, gpt4oMini)).toEqual({
      inputUsd: 0,
      outputUsd: 0,
      totalUsd: 0,
    });
  });

  it('applies the long-prompt tier above its threshold only', () => {
    const pricing = {
      inputPer1k: 0.00125,
      outputPer1k: 0.01,
      tiers: [{ promptTokensAbove: 200_000, pricing: { inputPer1k: 0.0025, outputPer1k: 0.015 } }],
    };
    expect(
      computeCost({ inputTokens: 200_000, outputTokens: 1000, totalTokens: 201_000 }, pricing).totalUsd,
    ).toBeCloseTo(0.25 + 0.01, 10);
    expect(
      computeCost({ inputTokens: 200_001, outputTokens: 1000, totalTokens: 201_001 }, pricing).totalUsd,
    ).toBeCloseTo(0.5000025 + 0.015, 10);
  });
});
