import { describe, expect, it } from 'vitest';
import { decodeGeminiSignatures, encodeGeminiSignatures } from './gemini-signatures.js';

describe('Gemini signature envelopes', () => {
  it('stores a part signature raw and call signatures in an envelope', () => {
    expect(encodeGeminiSignatures({ part: 'CiQB0e2K' })).toBe('CiQB0e2K');
    expect(encodeGeminiSignatures({})).toBeUndefined();
    const encoded = encodeGeminiSignatures({ part: 'P', calls: { call_1: 'C1' } }) as string;
    expect(encoded.startsWith('gemini-signatures:')).toBe(true);
    expect(decodeGeminiSignatures(encoded)).toEqual({ part: 'P', calls: { call_1: 'C1' } });
  });

  it('reads a raw signature as a part signature and ignores a broken envelope', () => {
    expect(decodeGeminiSignatures('EpQCCpEC')).toEqual({ part: 'EpQCCpEC' });
    expect(decodeGeminiSignatures('gemini-signatures:{broken')).toEqual({});
  });
});
