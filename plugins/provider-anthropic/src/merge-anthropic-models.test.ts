import { describe, expect, it } from 'vitest';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
import { findAnthropicModel } from './find-anthropic-model.js';
import { mergeAnthropicModels } from './merge-anthropic-models.js';

describe('findAnthropicModel', () => {
  it('resolves aliases, dated ids and -latest aliases to the longest matching entry', () => {
    expect(findAnthropicModel('claude-opus-4-1-20250805')?.id).toBe('claude-opus-4-1');
    expect(findAnthropicModel('claude-opus-4-20250514')?.id).toBe('claude-opus-4');
    expect(findAnthropicModel('claude-sonnet-4-5')?.id).toBe('claude-sonnet-4-5');
    expect(findAnthropicModel('claude-sonnet-4-20250514')?.id).toBe('claude-sonnet-4');
    expect(findAnthropicModel('claude-3-7-sonnet-latest')?.id).toBe('claude-3-7-sonnet');
    expect(findAnthropicModel('claude-haiku-4-5-20251001')?.id).toBe('claude-haiku-4-5');
    expect(findAnthropicModel('claude-opus-40')).toBeUndefined();
    expect(findAnthropicModel('gpt-4o')).toBeUndefined();
  });

  it('prices every catalog model per 1,000 tokens, cache reads below input below cache writes', () => {
    for (const model of ANTHROPIC_MODEL_CATALOG) {
      const pricing = model.pricing!;
      expect(pricing.cachedInputPer1k!).toBeLessThan(pricing.inputPer1k);
      expect(pricing.cacheWriteInputPer1k!).toBeGreaterThan(pricing.inputPer1k);
      expect(pricing.outputPer1k).toBeGreaterThan(pricing.inputPer1k);
    }
    expect(findAnthropicModel('claude-sonnet-4-5')?.pricing).toEqual({
      inputPer1k: 0.003,
      outputPer1k: 0.015,
      cachedInputPer1k: 0.0003,
      cacheWriteInputPer1k: 0.00375,
    });
  });
});

describe('mergeAnthropicModels', () => {
  it('uses limits the API reports and describes unknown models without prices', () => {
    const models = mergeAnthropicModels([
      { id: 'claude-sonnet-4-5-20250929', max_input_tokens: 1_000_000, max_tokens: 64_000 },
      {
        id: 'claude-next',
        max_input_tokens: 500_000,
        capabilities: { image_input: { supported: true }, thinking: { supported: true } },
      } as never,
      { id: '' },
    ]);
    expect(models[0]).toMatchObject({ id: 'claude-sonnet-4-5-20250929', contextWindow: 1_000_000 });
    expect(models[1]).toEqual({
      id: 'claude-next',
      contextWindow: 500_000,
      capabilities: { streaming: true, tools: true, vision: true, json: true, reasoning: true },
    });
    expect(models.slice(2).map((model) => model.id)).toEqual(
      ANTHROPIC_MODEL_CATALOG.map((model) => model.id),
    );
  });
});
