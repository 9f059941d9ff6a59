import { describe, expect, it } from 'vitest';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';

describe('ANTHROPIC_MODEL_CATALOG', () => {
  it('prices every model per 1,000 tokens, cache reads below input below cache writes', () => {
    for (const model of ANTHROPIC_MODEL_CATALOG) {
      const pricing = model.pricing!;
      expect(pricing.cachedInputPer1k!).toBeLessThan(pricing.inputPer1k);
      expect(pricing.cacheWriteInputPer1k!).toBeGreaterThan(pricing.inputPer1k);
      expect(pricing.outputPer1k).toBeGreaterThan(pricing.inputPer1k);
    }
    expect(ANTHROPIC_MODEL_CATALOG.find((model) => model.id === 'claude-sonnet-4-5')?.pricing).toEqual({
      inputPer1k: 0.003,
      outputPer1k: 0.015,
      cachedInputPer1k: 0.0003,
      cacheWriteInputPer1k: 0.00375,
    });
  });
});
