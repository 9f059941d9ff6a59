import { describe, expect, it } from 'vitest';
import { toGeminiThinkingConfig } from './to-gemini-thinking-config.js';

describe('toGeminiThinkingConfig', () => {
  it('maps effort to budgets on 2.5 models and levels on Gemini 3', () => {
    expect(toGeminiThinkingConfig({ effort: 'minimal' }, 'gemini-2.5-flash')).toEqual({
      thinkingBudget: 0,
      includeThoughts: false,
    });
    expect(toGeminiThinkingConfig({ effort: 'minimal' }, 'gemini-2.5-pro')).toEqual({
      thinkingBudget: 128,
      includeThoughts: true,
    });
    expect(toGeminiThinkingConfig({ effort: 'medium' }, 'gemini-2.5-flash-lite')).toEqual({
      thinkingBudget: 8_192,
      includeThoughts: true,
    });
    expect(toGeminiThinkingConfig({ effort: 'high' }, 'gemini-3-pro-preview')).toEqual({
      thinkingLevel: 'high',
      includeThoughts: true,
    });
  });

  it('sends an explicit budget as given and nothing to models that do not think', () => {
    expect(toGeminiThinkingConfig({ budgetTokens: 2_048, effort: 'low' }, 'gemini-2.5-flash')).toEqual({
      thinkingBudget: 2_048,
      includeThoughts: true,
    });
    expect(toGeminiThinkingConfig({ effort: 'high' }, 'gemini-2.0-flash-001')).toBeUndefined();
    expect(toGeminiThinkingConfig(undefined, 'gemini-2.5-flash')).toBeUndefined();
  });
});
