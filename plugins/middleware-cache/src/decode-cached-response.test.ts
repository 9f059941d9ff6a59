import type { CompletionResponse } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { decodeCachedResponse } from './decode-cached-response.js';
import { encodeCachedResponse } from './encode-cached-response.js';
import { isCompletionResponse } from './is-completion-response.js';

const response: CompletionResponse = {
  id: 'resp-1',
  provider: 'openai',
  model: 'gpt-4o-mini',
  text: 'Hi',
  content: [
    { type: 'reasoning', text: 'thinking', signature: 'sig' },
    { type: 'text', text: 'Hi' },
    { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' },
  ],
  finishReason: 'tool_calls',
  usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7, cachedInputTokens: 1 },
  cost: { inputUsd: 0.1, outputUsd: 0.2, totalUsd: 0.3 },
  raw: { huge: 'x'.repeat(10_000) },
};

describe('encodeCachedResponse / decodeCachedResponse', () => {
  it('round-trips a response without its raw body', () => {
    const text = encodeCachedResponse(response);
    expect(text.length).toBeLessThan(1_000);
    const { raw: _raw, ...expected } = response;
    expect(decodeCachedResponse(text)).toEqual(expected);
  });

  it('returns undefined for text that does not parse or is not a response', () => {
    expect(decodeCachedResponse('{not json')).toBeUndefined();
    expect(decodeCachedResponse('"just a string"')).toBeUndefined();
    expect(decodeCachedResponse(JSON.stringify({ ...response, usage: undefined }))).toBeUndefined();
    expect(decodeCachedResponse(JSON.stringify({ ...response, finishReason: 'done' }))).toBeUndefined();
    expect(
      decodeCachedResponse(JSON.stringify({ ...response, content: [{ type: 'image', url: 'x' }] })),
    ).toBeUndefined();
  });
});

describe('isCompletionResponse', () => {
  it('accepts responses and rejects other values', () => {
    expect(isCompletionResponse(response)).toBe(true);
    expect(isCompletionResponse(null)).toBe(false);
    expect(isCompletionResponse([])).toBe(false);
    expect(isCompletionResponse({ ...response, text: 3 })).toBe(false);
    expect(
      isCompletionResponse({ ...response, usage: { inputTokens: -1, outputTokens: 0, totalTokens: 0 } }),
    ).toBe(false);
  });
});
