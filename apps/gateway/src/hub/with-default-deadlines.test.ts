import { type CallOptions, type ConnectorPlugin, createHub, definePlugin } from '@hub/core';
import { createMockProvider } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { withDefaultDeadlines } from './with-default-deadlines.js';

/** A mock plugin whose provider reports the `CallOptions` of each call. */
function recordingPlugin(seen: CallOptions[]): ConnectorPlugin {
  const provider = createMockProvider({ providerId: 'slow' });
  return definePlugin({
    name: 'recording',
    version: '1.0.0',
    register(registry) {
      registry.addProvider({
        ...provider,
        sendCompletion: (request, options) => {
          seen.push(options ?? {});
          return provider.sendCompletion(request, options);
        },
        streamCompletion: (request, options) => {
          seen.push(options ?? {});
          return provider.streamCompletion(request, options);
        },
      });
    },
  });
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
});
