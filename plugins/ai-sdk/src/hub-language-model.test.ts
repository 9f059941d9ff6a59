import {
  type CompletionRequest,
  ConnectorError,
  createHub,
  type Hub,
  type Middleware,
  type StreamChunk,
} from '@hub/core';
import { createMockProvider, type MockProvider } from '@hub/testing';
import { generateObject, generateText, type ModelMessage, streamText, tool } from 'ai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHubProvider, type HubProvider } from './create-hub-provider.js';
import type { HubProviderOptions } from './hub-provider-options.js';
import { type RecordedCall, recordingProvider } from './test-support/recording-provider.js';

let mock: MockProvider;
let other: MockProvider;
let requests: CompletionRequest[];
let calls: RecordedCall[];
let seenMetadata: (Readonly<Record<string, string>> | undefined)[];
let hubInstance: Hub;
let hub: HubProvider;

const recordMetadata: Middleware = {
  name: 'record-metadata',
  onRequest(request) {
    seenMetadata.push(request.metadata);
  },
};

const priceEverything: Middleware = {
  name: 'price-everything',
  onResponse(response) {
    return { ...response, cost: { inputUsd: 0.001, outputUsd: 0.002, totalUsd: 0.003 } };
  },
};

beforeEach(() => {
  mock = createMockProvider({ providerId: 'mock' });
  other = createMockProvider({ providerId: 'other' });
  requests = [];
  calls = [];
  seenMetadata = [];
  hubInstance = createHub({
    providers: [recordingProvider(mock, requests, calls), other],
    middleware: [recordMetadata, priceEverything],
    routes: { main: ['mock/mock-1'] },
  });
  hub = createHubProvider(hubInstance, { metadata: { tenant: 'acme', feature: 'chat' } });
});
afterEach(async () => {
  await hubInstance.close();
});

const hubOptions = (options: HubProviderOptions) => ({ hub: { ...options } });

describe('request mapping', () => {
  it('passes providerOptions.hub through: model, metadata over the settings, params, reasoning, call options', async () => {
    mock.enqueue({ type: 'text', text: 'ok' });
    await generateText({
      model: hub('other/mock-1'),
      prompt: 'Hi',
      seed: 7,
      topP: 0.9,
      stopSequences: ['END'],
      headers: { 'x-trace': 'trace-1', 'x-unset': undefined },
      providerOptions: hubOptions({
        model: 'main',
        metadata: { feature: 'search', 'cache.bypass': 'true' },
        providerParams: { mock: { logprobs: true } },
        parallelToolCalls: false,
        reasoning: { effort: 'low' },
        user: 'user-42',
        timeoutMs: 30_000,
        idleTimeoutMs: 5_000,
        requestId: 'req-1',
      }),
    });
    expect(other.calls).toHaveLength(0);
    expect(requests[0]).toMatchObject({
      model: 'mock-1',
      seed: 7,
      topP: 0.9,
      stop: ['END'],
      providerParams: { mock: { logprobs: true } },
      parallelToolCalls: false,
      reasoning: { effort: 'low' },
      user: 'user-42',
    });
    expect(seenMetadata[0]).toEqual({ tenant: 'acme', feature: 'search', 'cache.bypass': 'true' });
    const options = calls[0]?.options;
    expect(options?.headers).toMatchObject({ 'x-trace': 'trace-1' });
    expect(options?.headers).not.toHaveProperty('x-unset');
    expect(options?.requestId).toBe('req-1');
    expect(options?.idleTimeoutMs).toBe(5_000);
  });

  it('rejects an unknown or mistyped providerOptions.hub field, naming it, before calling the hub', async () => {
    const unknown = await generateText({
      model: hub('main'),
      prompt: 'Hi',
      providerOptions: { hub: { modle: 'main' } },
    }).catch((error: unknown) => error);
    expect(ConnectorError.isInstance(unknown) && unknown.code).toBe('invalid_request');
    expect((unknown as ConnectorError).field).toBe('providerOptions.hub.modle');
    const mistyped = await generateText({
      model: hub('main'),
      prompt: 'Hi',
      providerOptions: { hub: { metadata: { tenant: 3 } } },
    }).catch((error: unknown) => error);
    expect((mistyped as ConnectorError).field).toBe('providerOptions.hub.metadata.tenant');
    expect(mock.calls).toHaveLength(0);
  });

  it('reports settings the hub cannot honour as warnings instead of dropping them silently', async () => {
    mock.enqueue({ type: 'text', text: 'ok' });
    const result = await generateText({
      model: hub('main'),
      prompt: 'Hi',
      topK: 40,
      presencePenalty: 0.5,
      frequencyPenalty: 0.5,
    });
    expect(result.warnings?.map((warning) => warning.type === 'unsupported' && warning.feature)).toEqual([
      'topK',
      'presencePenalty',
      'frequencyPenalty',
    ]);
    expect(requests[0]).not.toHaveProperty('topK');
  });

  it('sends images as base64 with their sniffed media type and rejects other files naming the part', async () => {
    mock.enqueue({ type: 'text', text: 'A pixel.' });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await generateText({
      model: hub('main'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', image: png },
          ],
        },
      ],
    });
    expect(requests[0]?.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        {
          type: 'image',
          source: { type: 'base64', data: Buffer.from(png).toString('base64'), mediaType: 'image/png' },
        },
      ],
    });
    const failure = await generateText({
      model: hub('main'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Summarise.' },
            { type: 'file', data: new Uint8Array([1, 2, 3]), mediaType: 'application/pdf' },
          ],
        },
      ],
    }).catch((error: unknown) => error);
    expect((failure as ConnectorError).code).toBe('invalid_request');
    expect((failure as ConnectorError).field).toBe('prompt.0.content.1');
    expect((failure as Error).message).toContain('application/pdf');
    expect(mock.calls).toHaveLength(1);
  });
});

describe('calls', () => {
  it('aborts generateText with the hub cancelled error and closes the provider call', async () => {
    mock.enqueue({ type: 'hang' });
    const controller = new AbortController();
    const pending = generateText({ model: hub('main'), prompt: 'Hi', abortSignal: controller.signal });
    while (mock.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(await mock.ended(0)).toBe('aborted');
  });

  it('answers generateObject with a JSON schema response format', async () => {
    mock.enqueue({ type: 'text', text: '{"ok":true}' });
    const result = await generateObject({
      model: hub('main'),
      schema: z.object({ ok: z.boolean() }),
      schemaName: 'status',
      schemaDescription: 'Whether it worked.',
      prompt: 'Did it work?',
    });
    expect(result.object).toEqual({ ok: true });
    expect(requests[0]?.responseFormat).toMatchObject({
      type: 'json_schema',
      name: 'status',
      description: 'Whether it worked.',
      schema: { type: 'object', properties: { ok: { type: 'boolean' } } },
    });
  });
});

describe('response mapping', () => {
  const reasoningChunks: StreamChunk[] = [
    { type: 'reasoning-delta', text: 'Let me think. ', id: 'rs_1' },
    { type: 'reasoning-delta', text: 'Done.', id: 'rs_1', signature: 'sig-1' },
    { type: 'text-delta', text: 'The answer is 4.' },
    {
      type: 'tool-call-delta',
      index: 0,
      id: 'call_1',
      name: 'calc',
      argumentsDelta: '{"x":',
      signature: 'tsig-1',
    },
    { type: 'tool-call-delta', index: 0, argumentsDelta: '2}' },
    {
      type: 'finish',
      finishReason: 'tool_calls',
      usage: {
        inputTokens: 100,
        outputTokens: 40,
        totalTokens: 140,
        cachedInputTokens: 60,
        reasoningTokens: 10,
      },
      responseId: 'resp-1',
      model: 'mock-1-2025',
    },
  ];

  it.each(['generateText', 'streamText'] as const)(
    'keeps reasoning signatures and item ids and tool-call signatures across turns (%s)',
    async (call) => {
      mock.enqueue({ type: 'chunks', chunks: reasoningChunks });
      mock.enqueue({ type: 'text', text: 'Four.' });
      const messages: ModelMessage[] = [{ role: 'user', content: 'What is 2+2?' }];
      // no execute: the caller answers the call itself on the next turn
      const tools = { calc: tool({ inputSchema: z.object({ x: z.number() }), outputSchema: z.number() }) };
      const first =
        call === 'generateText'
          ? await generateText({ model: hub('main'), messages, tools })
          : await (async () => {
              const result = streamText({ model: hub('main'), messages, tools });
              return {
                reasoning: await result.reasoning,
                response: await result.response,
                usage: await result.usage,
              };
            })();
      expect(first.reasoning).toEqual([
        {
          type: 'reasoning',
          text: 'Let me think. Done.',
          providerMetadata: { hub: { signature: 'sig-1', id: 'rs_1' } },
        },
      ]);
      expect(first.usage).toMatchObject({
        inputTokens: 100,
        inputTokenDetails: { noCacheTokens: 40, cacheReadTokens: 60 },
        outputTokens: 40,
        outputTokenDetails: { textTokens: 30, reasoningTokens: 10 },
      });
      await generateText({
        model: hub('main'),
        messages: [
          ...messages,
          ...first.response.messages,
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'call_1',
                toolName: 'calc',
                output: { type: 'json', value: 4 },
              },
            ],
          },
        ],
      });
      expect(requests[1]?.messages.slice(1)).toEqual([
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Let me think. Done.', signature: 'sig-1', id: 'rs_1' },
            { type: 'text', text: 'The answer is 4.' },
          ],
          toolCalls: [{ id: 'call_1', name: 'calc', arguments: '{"x":2}', signature: 'tsig-1' }],
        },
        { role: 'tool', toolCallId: 'call_1', content: '4' },
      ]);
    },
  );

  it('reports the response id, model, finish reason, raw reason and cost from middleware', async () => {
    mock.enqueue({ type: 'text', text: 'Cut sho', finishReason: 'length' });
    const result = await generateText({ model: hub('main'), prompt: 'Write a lot.' });
    expect(result.finishReason).toBe('length');
    expect(result.rawFinishReason).toBe('length');
    expect(result.response.modelId).toBe('mock-1');
    expect(result.providerMetadata?.hub).toMatchObject({
      provider: 'mock',
      model: 'mock-1',
      cost: { inputUsd: 0.001, outputUsd: 0.002, totalUsd: 0.003 },
    });
    expect(result.request.body).toMatchObject({
      model: 'main',
      messages: [{ role: 'user', content: 'Write a lot.' }],
    });
  });

  it('reports a refusal in providerMetadata.hub', async () => {
    mock.enqueue({
      type: 'chunks',
      chunks: [{ type: 'finish', finishReason: 'content_filter', refusal: 'I cannot help with that.' }],
    });
    const result = await generateText({ model: hub('main'), prompt: 'Something bad.' });
    expect(result.finishReason).toBe('content-filter');
    expect(result.providerMetadata?.hub?.refusal).toBe('I cannot help with that.');
  });
});
