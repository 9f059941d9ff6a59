import { describe, expect, it } from 'vitest';
import { estimateUtf8Tokens } from './estimate-utf8-tokens.js';

describe('estimateUtf8Tokens', () => {
  it('counts a third of the UTF-8 bytes, rounded up', () => {
    expect(estimateUtf8Tokens('')).toBe(0);
    expect(estimateUtf8Tokens('abcd')).toBe(2);
    // three bytes per CJK character: one token each, as CJK tokenizers roughly count them
    expect(estimateUtf8Tokens('日本語')).toBe(3);
  });
});
