import { ConnectorError } from '@hub/core';
import { createMockProvider, type MockProvider } from '@hub/provider-mock';
import { expect } from 'vitest';
import { describeProviderContract } from './provider-contract-suite.js';

// the mock provider (moved to @hub/provider-mock, re-exported here) keeps the contract every
// provider proves; its own behaviour is tested in its package

let current: MockProvider;
// a small batch limit, so the suite's batching cases stay small
const MOCK_BATCH_SIZE = 4;

describeProviderContract('mock', {
  createProvider: () => {
    current = createMockProvider({ providerId: 'mock', embeddingBatchSize: MOCK_BATCH_SIZE });
    return current;
  },
  model: 'mock-1',
  arrangeText: (pieces) =>
    current.enqueue({
      type: 'chunks',
      chunks: [
        ...pieces.map((text) => ({ type: 'text-delta' as const, text })),
        { type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 3, totalTokens: 6 } },
      ],
    }),
  arrangeError: (kind, { retryAfterSeconds }) =>
    current.enqueue({
      type: 'error',
      error: new ConnectorError(kind, `mock ${kind}`, {
        providerId: 'mock',
        ...(kind === 'rate_limit' && { retryAfterMs: retryAfterSeconds * 1000 }),
      }),
    }),
  arrangeStall: (text) => current.enqueue({ type: 'hang', text }),
  arrangeTruncation: (text) => current.enqueue({ type: 'chunks', chunks: [{ type: 'text-delta', text }] }),
  upstreamClosed: async () => {
    const completions = current.calls.length;
    const embeddings = current.embeddingCalls.length;
    // the call under test, a completion or an embedding, starts after this promise is created
    const how = await new Promise<string | undefined>((resolve) => {
      const poll = setInterval(() => {
        if (current.calls.length > completions) {
          clearInterval(poll);
          void current.ended(completions).then(resolve);
          return;
        }
        const embedding = current.embeddingCalls[embeddings];
        if (embedding?.ended !== undefined) {
          clearInterval(poll);
          resolve(embedding.ended);
        }
      }, 1);
    });
    expect(['closed', 'aborted']).toContain(how);
  },
  embedding: {
    model: 'mock-embed',
    batchSize: MOCK_BATCH_SIZE,
    flexibleDimensions: true,
    arrangeEmbeddings: (answer) => current.answerEmbeddings(answer),
  },
  arrangeTokenCount: (inputTokens) => current.enqueue({ type: 'token-count', inputTokens }),
  validConfig: { providerId: 'mock' },
  invalidConfig: { providerId: 'Not Valid' },
});
