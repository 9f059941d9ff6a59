import { describe, expect, it } from 'vitest';
import { buildEmbeddingsBody, fakeEmbeddingValue } from './build-embeddings-body.js';

interface Body {
  object: string;
  data: { object: string; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

const parse = (buffer: Buffer): Body => JSON.parse(buffer.toString('utf8')) as Body;
const options = { count: 3, dimensions: 8, model: 'text-embedding-3-small', promptTokens: 12 } as const;

describe('buildEmbeddingsBody', () => {
  it('frames float vectors as OpenAI does: a list of indexed embedding objects with usage', () => {
    const body = parse(buildEmbeddingsBody({ ...options, encoding: 'float' }));
    expect(body).toMatchObject({
      object: 'list',
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 12 },
    });
    expect(body.data.map((entry) => [entry.object, entry.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
      ['embedding', 2],
    ]);
    const first = body.data[1]?.embedding as number[];
    expect(first).toHaveLength(8);
    expect(first[5]).toBeCloseTo(fakeEmbeddingValue(1, 5), 7);
  });

  it('encodes base64 vectors as little-endian float32 that decode to the float values', () => {
    const floats = parse(buildEmbeddingsBody({ ...options, encoding: 'float' }));
    const base64 = parse(buildEmbeddingsBody({ ...options, encoding: 'base64' }));
    const bytes = Buffer.from(base64.data[2]?.embedding as string, 'base64');
    expect(bytes.length).toBe(8 * 4);
    const decoded = Array.from({ length: 8 }, (_, index) => bytes.readFloatLE(index * 4));
    const expected = floats.data[2]?.embedding as number[];
    for (const [index, value] of decoded.entries()) expect(value).toBeCloseTo(expected[index] as number, 7);
  });

  it('rejects a count or dimension that is not a positive integer', () => {
    expect(() => buildEmbeddingsBody({ ...options, encoding: 'float', count: 0 })).toThrow(/count/);
    expect(() => buildEmbeddingsBody({ ...options, encoding: 'float', dimensions: 1.5 })).toThrow(
      /dimensions/,
    );
  });
});
