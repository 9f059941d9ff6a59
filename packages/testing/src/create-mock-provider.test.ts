import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { createMockProvider, type MockProvider } from './create-mock-provider.js';
import { describeProviderContract } from './provider-contract-suite.js';

let current: MockProvider;

describeProviderContract('mock', {
  createProvider: () => {
    current = createMockProvider({ providerId: 'mock' });
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
  validConfig: { providerId: 'mock' },
  invalidConfig: { providerId: 'Not Valid' },
});

describe('createMockProvider', () => {
  it('echoes the last user message by default and records calls', async () => {
    const provider = createMockProvider();
    const response = await provider.sendCompletion({
      model: 'mock-1',
      messages: [{ role: 'user', content: 'ping' }],
    });
    expect(response.text).toBe('Echo: ping');
    expect(provider.calls).toHaveLength(1);
    expect(provider.calls[0]?.ended).toBe('completed');
  });

  it('answers scripted steps in order, then falls back to the default reply', async () => {
    const provider = createMockProvider({
      script: [
        { type: 'text', text: 'first' },
        { type: 'tool-call', name: 'lookup', arguments: '{"q":1}' },
      ],
    });
    const request = { model: 'mock-1', messages: [{ role: 'user' as const, content: 'x' }] };
    expect((await provider.sendCompletion(request)).text).toBe('first');
    const toolResponse = await provider.sendCompletion(request);
    expect(toolResponse.finishReason).toBe('tool_calls');
    expect(toolResponse.content).toContainEqual({
      type: 'tool-call',
      id: expect.any(String),
      name: 'lookup',
      arguments: '{"q":1}',
    });
    expect((await provider.sendCompletion(request)).text).toBe('Echo: x');
  });

  it('fails a stream after the scripted number of chunks', async () => {
    const provider = createMockProvider({
      script: [{ type: 'error', afterChunks: 2, error: new ConnectorError('network', 'reset') }],
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of provider.streamCompletion({
          model: 'mock-1',
          messages: [{ role: 'user', content: 'x' }],
        })) {
          if (chunk.type === 'text-delta') seen.push(chunk.text);
        }
      })(),
    ).rejects.toMatchObject({ code: 'network' });
    expect(seen).toHaveLength(2);
  });
});
