import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { collectChunks } from './collect-chunks.js';
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

  describe('recording', () => {
    const request = { model: 'mock-1', messages: [{ role: 'user' as const, content: 'x' }] };

    it('keeps only the most recent calls, 10,000 by default, so a long-lived mock stays bounded', async () => {
      const provider = createMockProvider();
      for (let call = 0; call < 10_005; call++) {
        await provider.sendCompletion({ ...request, messages: [{ role: 'user', content: `call ${call}` }] });
      }
      expect(provider.calls).toHaveLength(10_000);
      expect(provider.calls[0]?.request.messages[0]?.content).toBe('call 5');
      expect(provider.calls.at(-1)?.request.messages[0]?.content).toBe('call 10004');
    });

    it('resolves ended() by position after older calls were dropped', async () => {
      const provider = createMockProvider({ maxRecordedCalls: 2 });
      await provider.sendCompletion(request);
      await provider.sendCompletion(request);
      provider.enqueue({ type: 'hang' });
      const controller = new AbortController();
      const hanging = provider.sendCompletion(request, { signal: controller.signal });
      // the hanging call is the newest of the two kept
      const ended = provider.ended(1);
      controller.abort();
      await expect(hanging).rejects.toMatchObject({ code: 'cancelled' });
      expect(await ended).toBe('aborted');
      expect(await provider.ended(0)).toBe('completed');
    });

    it('records nothing with maxRecordedCalls: 0', async () => {
      const provider = createMockProvider({ maxRecordedCalls: 0 });
      for (let call = 0; call < 10; call++) await provider.sendCompletion(request);
      await collectChunks(provider.streamCompletion(request));
      expect(provider.calls).toHaveLength(0);
    });

    it('refuses a bound that is not a non-negative integer', () => {
      expect(() => createMockProvider({ maxRecordedCalls: -1 })).toThrow(/maxRecordedCalls/);
      expect(() => createMockProvider({ maxRecordedCalls: 1.5 })).toThrow(/maxRecordedCalls/);
    });
  });
});
