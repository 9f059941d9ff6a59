import { type CompletionRequest, ConnectorError, createHub } from '@hub/core';
import { createMockProvider } from '@hub/testing';
import { recordingProvider } from './recording-provider.js';
import type { UpstreamHarness } from './upstream-harness.js';

/** The harness on `@hub/testing`'s mock provider, in memory. */
export function mockUpstream(): UpstreamHarness {
  const working = createMockProvider({ providerId: 'mock' });
  const failing = createMockProvider({
    providerId: 'flaky',
    defaultReply: () => ({
      type: 'error',
      error: new ConnectorError('overloaded', 'The flaky mock is overloaded.', {
        providerId: 'flaky',
        status: 529,
      }),
    }),
  });
  const requests: CompletionRequest[] = [];
  const hub = createHub({
    providers: [recordingProvider(working, requests), failing],
    routes: { main: ['mock/mock-1'], resilient: ['flaky/mock-1', 'mock/mock-1'] },
  });
  return {
    hub,
    providerId: 'mock',
    failingProviderId: 'flaky',
    requests,
    replyText: (text) => working.enqueue({ type: 'text', text }),
    replyToolCall: (call) =>
      working.enqueue({ type: 'tool-call', id: call.id, name: call.name, arguments: call.arguments }),
    replyBrokenStream: (text) =>
      working.enqueue({
        type: 'error',
        text,
        afterChunks: text.split(' ').length,
        error: new ConnectorError('stream', 'The mock stream broke.', { providerId: 'mock' }),
      }),
    replyStall: (text) => working.enqueue({ type: 'hang', text }),
    replyFailure: () =>
      working.enqueue({
        type: 'error',
        error: new ConnectorError('provider', 'The mock failed.', { providerId: 'mock', status: 500 }),
      }),
    failingCalls: () => failing.calls.length,
    async upstreamClosed() {
      // the latest call is the stalled one; the mock records how it ended
      const ended = await working.ended(working.calls.length - 1);
      if (ended !== 'aborted' && ended !== 'closed') throw new Error(`The stalled mock call ended ${ended}.`);
    },
    close: () => hub.close(),
  };
}
