import { type CallOptions, createHub } from '@hub/core';
import { type MockPlugin, mockPlugin } from '@hub/provider-mock';
import { describe, expect, it } from 'vitest';
import { withDefaultDeadlines } from './with-default-deadlines.js';

/** A mock plugin whose provider records the `CallOptions` of every call, whatever the operation. */
function recordingPlugin(seen: CallOptions[]): MockPlugin {
  const plugin = mockPlugin({ providerId: 'slow' });
  const provider = plugin.provider;
  const record = <T>(options: CallOptions | undefined, result: T): T => {
    seen.push(options ?? {});
    return result;
  };
  return {
    ...plugin,
    register(registry) {
      registry.addProvider({
        ...provider,
        sendCompletion: (request, options) => record(options, provider.sendCompletion(request, options)),
        streamCompletion: (request, options) => record(options, provider.streamCompletion(request, options)),
        embed: (request, options) => record(options, provider.embed(request, options)),
        countTokens: (request, options) => record(options, provider.countTokens(request, options)),
      });
    },
  };
}

const request = { model: 'slow/mock-1', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('withDefaultDeadlines', () => {
  it('gives every completion call the provider’s deadlines as CallOptions', async () => {
    const seen: CallOptions[] = [];
    const plugin = withDefaultDeadlines(recordingPlugin(seen), {
      timeoutMs: 60_000,
      firstByteTimeoutMs: 5_000,
      idleTimeoutMs: 10_000,
    });
    const hub = createHub({ plugins: [plugin] });
    await hub.complete(request, { requestId: 'r-1' });
    for await (const _chunk of hub.stream(request)) {
      // drain
    }
    expect(seen).toHaveLength(2);
    for (const options of seen)
      expect(options).toMatchObject({ timeoutMs: 60_000, firstByteTimeoutMs: 5_000, idleTimeoutMs: 10_000 });
    expect(seen[0]?.requestId).toBe('r-1');
    await hub.close();
  });

  it('lets a deadline the call carries (a route’s) win, keeping the others', async () => {
    const seen: CallOptions[] = [];
    const hub = createHub({
      plugins: [withDefaultDeadlines(recordingPlugin(seen), { timeoutMs: 60_000, idleTimeoutMs: 10_000 })],
    });
    const controller = new AbortController();
    await hub.complete(request, { timeoutMs: 1_000, signal: controller.signal });
    expect(seen[0]).toMatchObject({ timeoutMs: 1_000, idleTimeoutMs: 10_000 });
    expect(seen[0]?.signal).toBe(controller.signal);
    expect(seen[0]?.firstByteTimeoutMs).toBeUndefined();
    await hub.close();
  });

  it('keeps the provider’s embeddings and token counting, with the deadlines', async () => {
    const seen: CallOptions[] = [];
    const hub = createHub({ plugins: [withDefaultDeadlines(recordingPlugin(seen), { timeoutMs: 60_000 })] });
    const embedded = await hub.embed({ model: 'slow/mock-embed', input: ['a', 'b'] });
    expect(embedded.embeddings).toHaveLength(2);
    expect(await hub.countTokens(request)).toMatchObject({ exact: true, provider: 'slow' });
    expect(seen).toEqual([
      expect.objectContaining({ timeoutMs: 60_000 }),
      expect.objectContaining({ timeoutMs: 60_000 }),
    ]);
    await hub.close();
  });
});
