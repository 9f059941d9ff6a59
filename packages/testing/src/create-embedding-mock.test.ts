import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { createEmbeddingMock } from './create-embedding-mock.js';

describe('createEmbeddingMock', () => {
  it('answers zero vectors and a character-based usage, recording each call', async () => {
    const mock = createEmbeddingMock({ providerId: 'acme', dimensions: 2 });
    const answer = await mock.embed({ model: 'e', input: ['abcde', 'x'] });
    expect(answer.embeddings.map((vector) => Array.from(vector))).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(answer.usage.inputTokens).toBe(3);
    expect(await mock.countTokens({ model: 'c', messages: [{ role: 'user', content: 'hi' }] })).toMatchObject(
      {
        inputTokens: 42,
        exact: true,
        provider: 'acme',
      },
    );
    expect(mock.embedCalls.map((call) => call.operation)).toEqual(['embed', 'count-tokens']);
  });

  it('throws the queued failures, one per call, then answers again', async () => {
    const mock = createEmbeddingMock();
    const busy = new ConnectorError('overloaded', 'Busy.');
    mock.failures.push(busy);
    await expect(mock.embed({ model: 'e', input: 'a' })).rejects.toBe(busy);
    await expect(mock.embed({ model: 'e', input: 'a', dimensions: 5 })).resolves.toMatchObject({
      embeddings: [new Float32Array(5)],
    });
  });
});
