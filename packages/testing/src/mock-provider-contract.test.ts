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
    const index = current.calls.length;
    // the call under test starts after this promise is created
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (current.calls.length > index) {
          clearInterval(poll);
          resolve();
        }
      }, 1);
    });
    const how = await current.ended(index);
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
