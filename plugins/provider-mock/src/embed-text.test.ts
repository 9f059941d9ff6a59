import { describe, expect, it } from 'vitest';
import { embedText } from './embed-text.js';

const norm = (vector: Float32Array): number =>
  Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
const cosine = (a: Float32Array, b: Float32Array): number =>
  a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);

describe('embedText', () => {
  it('gives the same unit vector for the same text, of the requested length', () => {
    const first = embedText('The quick brown fox', 256);
    expect(first).toBeInstanceOf(Float32Array);
    expect(first).toHaveLength(256);
    expect(norm(first)).toBeCloseTo(1, 5);
    expect(embedText('The quick brown fox', 256)).toEqual(first);
    expect(embedText('the QUICK brown fox!', 256)).toEqual(first);
    expect(embedText('The quick brown fox', 8)).toHaveLength(8);
  });

  it('points texts that share words closer together than unrelated texts', () => {
    const query = embedText('weather forecast for Paris', 256);
    const related = embedText('Paris weather today', 256);
    const unrelated = embedText('chocolate cake recipe', 256);
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated));
    expect(cosine(query, related)).toBeGreaterThan(0.3);
  });

  it('embeds text without words, and never returns a zero vector', () => {
    for (const text of ['   ', '!!!', '…', '😀']) {
      for (const dimensions of [1, 2, 3, 256]) expect(norm(embedText(text, dimensions))).toBeCloseTo(1, 5);
    }
  });
});
