import { describe, expect, it } from 'vitest';
import { isOpenAIReasoningModel } from './is-openai-reasoning-model.js';

describe('isOpenAIReasoningModel', () => {
  it.each([
    'o1',
    'o1-mini',
    'o3',
    'o3-mini',
    'o3-2025-04-16',
    'o4-mini',
    'gpt-5',
    'gpt-5-mini',
    'gpt-5-nano',
    'gpt-5-2025-08-07',
    'ft:o4-mini:acme::x',
  ])('%s is a reasoning model', (model) => expect(isOpenAIReasoningModel(model)).toBe(true));
  it.each([
    'gpt-4o',
    'gpt-4o-mini',
    'gpt-4.1-nano',
    'gpt-5-chat-latest',
    'omni-moderation-latest',
    'gpt-50',
    'o',
  ])('%s is not', (model) => expect(isOpenAIReasoningModel(model)).toBe(false));
});
