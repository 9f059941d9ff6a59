import type { CompletionResponse, EmbeddingResponse } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { decodeCachedResponse } from './decode-cached-response.js';
import { encodeCachedResponse } from './encode-cached-response.js';
import { isCompletionResponse } from './is-completion-response.js';
import { isEmbeddingResponseShape } from './is-embedding-response-shape.js';

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

const bytesOf = (vector: Float32Array): number[] => [
  ...new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength),
];

// values JSON would not round-trip: float32 rounding, signed zero, NaN, infinities, subnormals
const special = new Float32Array([
  0.1,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1.4e-45,
  3.4028234663852886e38,
]);

const embedding: EmbeddingResponse = {
  provider: 'openai',
  model: 'text-embedding-3-small',
  embeddings: [special, new Float32Array(1536).map((_, index) => Math.sin(index)), new Float32Array(0)],
  usage: { inputTokens: 12 },
  cost: { inputUsd: 0.000_000_24, outputUsd: 0, totalUsd: 0.000_000_24 },
};

describe('encodeCachedResponse / decodeCachedResponse of embeddings', () => {
  it('round-trips provider, model, usage, cost and every vector bit for bit', () => {
    const decoded = decodeCachedResponse(encodeCachedResponse(embedding)) as EmbeddingResponse;
    expect(decoded).toEqual(embedding);
    expect(decoded.embeddings.map((vector) => vector instanceof Float32Array)).toEqual([true, true, true]);
    expect(decoded.embeddings.map(bytesOf)).toEqual(embedding.embeddings.map(bytesOf));
  });

  it('writes little-endian float32 bytes as base64, a third larger than the bytes', () => {
    const { cost: _cost, ...uncosted } = embedding;
    const text = encodeCachedResponse({ ...uncosted, embeddings: [new Float32Array([1])] });
    // 1.0f is 0x3f800000: bytes 00 00 80 3f
    expect(text.split('\n')[1]).toBe('AACAPw==');
    const large = encodeCachedResponse(embedding);
    const base64Length = Math.ceil(((7 + 1536) * 4) / 3) * 4;
    // the header is all the rest: provider, model, usage, cost and three lengths
    expect(large.length).toBeLessThan(base64Length + 300);
  });

  it('decodes every vector as a view of one new buffer (no copy per vector)', () => {
    const decoded = decodeCachedResponse(encodeCachedResponse(embedding)) as EmbeddingResponse;
    const [first, second] = decoded.embeddings as [Float32Array, Float32Array];
    expect(second.buffer).toBe(first.buffer);
    expect(first.buffer).not.toBe(special.buffer);
  });

  it('returns undefined for a truncated payload, lengths that do not match, or a bad header', () => {
    const text = encodeCachedResponse(embedding);
    const [header, payload] = text.split('\n') as [string, string];
    expect(decodeCachedResponse(`${header}\n${payload.slice(0, -8)}`)).toBeUndefined();
    const lengths = header.replace('"lengths":[7,1536,0]', '"lengths":[7,1535,0]');
    expect(decodeCachedResponse(`${lengths}\n${payload}`)).toBeUndefined();
    expect(decodeCachedResponse(`{not json\n${payload}`)).toBeUndefined();
    const noUsage = header.replace('"usage":{"inputTokens":12},', '');
    expect(decodeCachedResponse(`${noUsage}\n${payload}`)).toBeUndefined();
  });
});

describe('isEmbeddingResponseShape', () => {
  it('accepts embedding responses and rejects other values', () => {
    expect(isEmbeddingResponseShape(embedding)).toBe(true);
    expect(isEmbeddingResponseShape(response)).toBe(false);
    expect(isEmbeddingResponseShape({ ...embedding, embeddings: [[0.1, 0.2]] })).toBe(false);
    expect(isEmbeddingResponseShape({ ...embedding, usage: {} })).toBe(false);
    expect(isEmbeddingResponseShape({ ...embedding, model: undefined })).toBe(false);
  });
});
