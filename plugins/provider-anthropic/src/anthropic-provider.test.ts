import {
  type CompletionRequest,
  ConnectorError,
  foldStream,
  type LLMProvider,
  type Message,
  type StreamChunk,
} from '@hub/core';
import {
  collectChunks as collect,
  createScriptedServer,
  describeProviderContract,
  neverAnswers,
  type ScriptedServer,
  settleWithClock,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
import { createAnthropicProvider } from './anthropic-provider.js';
import { anthropicContractHarness } from './test-support/anthropic-contract-harness.js';
import { event, messageStart, textFrames, textMessage } from './test-support/anthropic-replies.js';
import { errorBodies, fixtures } from './test-support/fixtures.js';

const SECRET = 'sk-ant-api03-Zx9mQv7TtPq2Lk8Wn4Rb6Yc1Hd5Gf3Js0AaBbCcDdEe';
const MODEL = 'claude-sonnet-4-5';

const ask = (content = 'Say hello.'): CompletionRequest => ({
  model: MODEL,
  messages: [{ role: 'user', content }],
});

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    expect(ConnectorError.isInstance(error)).toBe(true);
    return error as ConnectorError;
  }
  throw new Error('expected a failure');
}

describeProviderContract('anthropic', anthropicContractHarness(SECRET));

describe('anthropic provider against a scripted Messages API', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;

  beforeEach(async () => {
    server = await createScriptedServer();
    provider = createAnthropicProvider({ apiKey: SECRET, baseUrl: server.url });
  });
  afterEach(async () => {
    await provider.close?.();
    await server.close();
    vi.useRealTimers();
  });

  describe('what is sent', () => {
    it('posts to /v1/messages with x-api-key, anthropic-version and anthropic-beta', async () => {
      await provider.close?.();
      provider = createAnthropicProvider({
        apiKey: SECRET,
        baseUrl: server.url,
        beta: ['interleaved-thinking-2025-05-14', 'token-efficient-tools-2025-02-19'],
      });
      server.enqueue({ body: fixtures.json('messages-response-text.json') });
      await provider.sendCompletion(ask());
      const sent = server.requests[0]!;
      expect(sent.method).toBe('POST');
      expect(sent.url).toBe('/v1/messages');
      expect(sent.headers['x-api-key']).toBe(SECRET);
      expect(sent.headers['anthropic-version']).toBe('2023-06-01');
      expect(sent.headers['anthropic-beta']).toBe(
        'interleaved-thinking-2025-05-14,token-efficient-tools-2025-02-19',
      );
      expect(sent.headers['content-type']).toBe('application/json');
      expect(sent.headers.authorization).toBeUndefined();
      expect(sent.json()).toEqual({
        model: MODEL,
        max_tokens: 64_000,
        messages: [{ role: 'user', content: 'Say hello.' }],
      });
    });

    it('sends a configured API version and no beta header by default', async () => {
      await provider.close?.();
      provider = createAnthropicProvider({ apiKey: SECRET, baseUrl: server.url, version: '2099-01-01' });
      server.enqueue({ body: fixtures.json('messages-response-text.json') });
      await provider.sendCompletion(ask());
      expect(server.requests[0]!.headers['anthropic-version']).toBe('2099-01-01');
      expect(server.requests[0]!.headers['anthropic-beta']).toBeUndefined();
    });

    it('lifts system messages, merges same-role turns and maps sampling fields', async () => {
      server.enqueue({ body: fixtures.json('messages-response-text.json') });
      await provider.sendCompletion({
        model: MODEL,
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'First.' },
          { role: 'user', content: [{ type: 'text', text: 'Second.' }] },
          { role: 'assistant', content: 'Noted.' },
          { role: 'system', content: 'Answer in French.' },
          { role: 'user', content: 'Third.' },
        ],
        maxTokens: 300,
        temperature: 0.2,
        topP: 0.9,
        stop: ['END'],
        seed: 42,
        user: 'user-123',
        metadata: { tenant: 'never-sent' },
        providerParams: { anthropic: { top_k: 5 }, openai: { logprobs: true } },
      });
      expect(server.requests[0]!.json()).toEqual({
        model: MODEL,
        max_tokens: 300,
        system: 'You are terse.\n\nAnswer in French.',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'First.' },
              { type: 'text', text: 'Second.' },
            ],
          },
          { role: 'assistant', content: 'Noted.' },
          { role: 'user', content: 'Third.' },
        ],
        temperature: 0.2,
        top_p: 0.9,
        stop_sequences: ['END'],
        metadata: { user_id: 'user-123' },
        top_k: 5,
      });
    });

    it('sends tools, tool_choice, tool_use blocks with parsed input and merged tool_result turns', async () => {
      server.enqueue({ body: fixtures.json('messages-response-text.json') });
      await provider.sendCompletion({
        model: MODEL,
        tools: [
          {
            name: 'get_weather',
            description: 'Get the current weather in a given location',
            parameters: {
              type: 'object',
              properties: { location: { type: 'string' } },
              required: ['location'],
            },
          },
        ],
        toolChoice: 'required',
        messages: [
          { role: 'user', content: 'Weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [
              { id: 'toolu_1', name: 'get_weather', arguments: '{"location":"Paris"}' },
              { id: 'toolu_2', name: 'get_weather', arguments: '{"location":"Rome"}' },
            ],
          },
          { role: 'tool', toolCallId: 'toolu_1', content: '18°C, cloudy' },
          {
            role: 'tool',
            toolCallId: 'toolu_2',
            content: [{ type: 'text', text: 'service down' }],
            isError: true,
          },
          { role: 'user', content: 'Summarize.' },
        ],
      });
      const body = server.requests[0]!.json<Record<string, unknown>>();
      expect(body.tools).toEqual([
        {
          name: 'get_weather',
          description: 'Get the current weather in a given location',
          input_schema: {
            type: 'object',
            properties: { location: { type: 'string' } },
            required: ['location'],
          },
        },
      ]);
      expect(body.tool_choice).toEqual({ type: 'any' });
      expect(body.messages).toEqual([
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { location: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C, cloudy' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_2',
              content: [{ type: 'text', text: 'service down' }],
              is_error: true,
            },
            { type: 'text', text: 'Summarize.' },
          ],
        },
      ]);
    });

    it('maps every tool choice', async () => {
      const tools = [{ name: 'lookup', parameters: { type: 'object' } }];
      const choices = ['auto', 'none', 'required', { type: 'tool', name: 'lookup' }] as const;
      for (const toolChoice of choices) {
        server.enqueue({ body: fixtures.json('messages-response-text.json') });
        await provider.sendCompletion({ ...ask(), tools, toolChoice });
      }
      expect(server.requests.map((request) => request.json<{ tool_choice: unknown }>().tool_choice)).toEqual([
        { type: 'auto' },
        { type: 'none' },
        { type: 'any' },
        { type: 'tool', name: 'lookup' },
      ]);
    });

    it('sends base64 and URL images as Anthropic image sources', async () => {
      server.enqueue({ body: fixtures.json('messages-response-text.json') });
      await provider.sendCompletion({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
              { type: 'image', source: { type: 'url', url: 'data:image/gif;base64,R0lGODlh' } },
              { type: 'text', text: 'What is in these images?' },
            ],
          },
        ],
      });
      expect(server.requests[0]!.json<{ messages: unknown }>().messages).toEqual([
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lGODlh' } },
            { type: 'text', text: 'What is in these images?' },
          ],
        },
      ]);
    });

    it('enables thinking from reasoning.budgetTokens and sends signed thinking blocks back', async () => {
      server.enqueue({ body: fixtures.json('messages-response-thinking.json') });
      const first = await provider.sendCompletion({
        model: MODEL,
        maxTokens: 16_000,
        reasoning: { budgetTokens: 10_000 },
        messages: [{ role: 'user', content: 'Are there infinitely many primes with n mod 4 == 3?' }],
      });
      expect(server.requests[0]!.json<{ thinking: unknown }>().thinking).toEqual({
        type: 'enabled',
        budget_tokens: 10_000,
      });

      server.enqueue({ body: fixtures.json('messages-response-text.json') });
      const history: Message[] = [
        { role: 'user', content: 'Are there infinitely many primes with n mod 4 == 3?' },
        {
          role: 'assistant',
          content: first.content.filter((part) => part.type === 'text' || part.type === 'reasoning'),
        },
        { role: 'user', content: 'Prove it.' },
      ];
      await provider.sendCompletion({ model: MODEL, reasoning: { budgetTokens: 10_000 }, messages: history });
      const assistant = server.requests[1]!.json<{ messages: Array<{ content: unknown }> }>().messages[1];
      expect(assistant?.content).toEqual([
        {
          type: 'thinking',
          thinking: 'Let me analyze this step by step...',
          signature: 'WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL....',
        },
        {
          type: 'redacted_thinking',
          data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP...',
        },
        { type: 'text', text: 'Based on my analysis...' },
      ]);
    });

    it('asks for JSON output in the system prompt', async () => {
      server.enqueue({ body: fixtures.json('messages-response-text.json') });
      await provider.sendCompletion({
        ...ask(),
        messages: [
          { role: 'system', content: 'Extract the city.' },
          { role: 'user', content: 'I live in Lyon.' },
        ],
        responseFormat: {
          type: 'json_schema',
          name: 'city',
          schema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      });
      const system = server.requests[0]!.json<{ system: string }>().system;
      expect(system.startsWith('Extract the city.\n\n')).toBe(true);
      expect(system).toContain('JSON');
      expect(system).toContain('{"type":"object","properties":{"city":{"type":"string"}}}');
    });

    it('rejects tool-call arguments that are not JSON before any request is sent', async () => {
      const error = await failure(
        provider.sendCompletion({
          model: MODEL,
          messages: [
            { role: 'user', content: 'Hi' },
            { role: 'assistant', content: '', toolCalls: [{ id: 't1', name: 'f', arguments: '{"broken":' }] },
            { role: 'tool', toolCallId: 't1', content: 'ok' },
          ],
        }),
      );
      expect(error.code).toBe('invalid_request');
      expect(error.field).toBe('messages.1.toolCalls.0.arguments');
      expect(server.requests).toHaveLength(0);
    });

    it('sends stream: true for streams and nothing before iteration starts', async () => {
      server.enqueue({ frames: textFrames(['Hi']) });
      const stream = provider.streamCompletion(ask());
      expect(server.requests).toHaveLength(0);
      await collect(stream);
      expect(server.requests[0]!.json<{ stream: boolean }>().stream).toBe(true);
    });
  });

  describe('what comes back', () => {
    it('maps a text response with usage, ids and rate-limit headers', async () => {
      // a frozen clock: the verdict cannot depend on how long the exchange takes
      vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-01-01T00:00:00.000Z') });
      const reset = '2025-01-01T00:00:30.000Z';
      server.enqueue({
        body: fixtures.json('messages-response-text.json'),
        headers: {
          'anthropic-ratelimit-requests-remaining': '49',
          'anthropic-ratelimit-requests-reset': reset,
          'anthropic-ratelimit-tokens-remaining': '39000',
        },
      });
      const response = await provider.sendCompletion(ask());
      expect(response).toMatchObject({
        id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
        provider: 'anthropic',
        model: 'claude-sonnet-4-5-20250929',
        text: 'Hi! My name is Claude.',
        content: [{ type: 'text', text: 'Hi! My name is Claude.' }],
        finishReason: 'stop',
        usage: {
          inputTokens: 2095,
          outputTokens: 503,
          totalTokens: 2598,
          cachedInputTokens: 0,
          cacheWriteInputTokens: 0,
        },
      });
      expect(response.rateLimit?.remainingRequests).toBe(49);
      expect(response.rateLimit?.remainingTokens).toBe(39_000);
      expect(response.rateLimit?.requestsResetMs).toBe(30_000);
    });

    it('maps tool_use blocks to tool-call parts with JSON arguments', async () => {
      server.enqueue({ body: fixtures.json('messages-response-tool-use.json') });
      const response = await provider.sendCompletion(ask('Weather?'));
      expect(response.finishReason).toBe('tool_calls');
      expect(response.content).toEqual([
        { type: 'text', text: "I'll check the current weather in San Francisco for you." },
        {
          type: 'tool-call',
          id: 'toolu_01A09q90qw90lq917835lq9',
          name: 'get_weather',
          arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
        },
      ]);
      expect(response.usage).toEqual({ inputTokens: 384, outputTokens: 92, totalTokens: 476 });
    });

    it('maps thinking blocks to reasoning parts and counts cache reads and writes as input', async () => {
      server.enqueue({ body: fixtures.json('messages-response-thinking.json') });
      const response = await provider.sendCompletion(ask());
      expect(response.content).toEqual([
        {
          type: 'reasoning',
          text: 'Let me analyze this step by step...',
          signature: 'WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL....',
        },
        {
          type: 'reasoning',
          text: '',
          signature: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP...',
          redacted: true,
        },
        { type: 'text', text: 'Based on my analysis...' },
      ]);
      expect(response.text).toBe('Based on my analysis...');
      expect(response.usage).toEqual({
        inputTokens: 21 + 4000 + 188_086,
        outputTokens: 393,
        totalTokens: 21 + 4000 + 188_086 + 393,
        cachedInputTokens: 4000,
        cacheWriteInputTokens: 188_086,
      });
    });

    const STOP_REASONS = [
      ['end_turn', 'stop'],
      ['stop_sequence', 'stop'],
      ['max_tokens', 'length'],
      ['tool_use', 'tool_calls'],
      ['refusal', 'content_filter'],
      ['pause_turn', 'other'],
    ] as const;

    it('maps every stop reason of a response', async () => {
      for (const [stopReason] of STOP_REASONS) server.enqueue({ body: textMessage('x', stopReason) });
      const reasons = [];
      for (const _ of STOP_REASONS) reasons.push((await provider.sendCompletion(ask())).finishReason);
      expect(reasons).toEqual(STOP_REASONS.map(([, expected]) => expected));
    });

    it('maps every stop reason of a stream', async () => {
      for (const [stopReason] of STOP_REASONS) server.enqueue({ frames: textFrames(['x'], stopReason) });
      const reasons = [];
      for (const _ of STOP_REASONS) {
        const chunks = await collect(provider.streamCompletion(ask()));
        const last = chunks.at(-1);
        reasons.push(last?.type === 'finish' ? last.finishReason : undefined);
      }
      expect(reasons).toEqual(STOP_REASONS.map(([, expected]) => expected));
    });

    it('rejects a 200 body that is not a message as a parse error', async () => {
      server.enqueue({ body: { unexpected: true } });
      expect((await failure(provider.sendCompletion(ask()))).code).toBe('parse');
    });
  });

  describe('streams', () => {
    it('maps the documented text stream, finish last with usage from message_start and message_delta', async () => {
      server.enqueue({ frames: fixtures.sseFrames('stream-text.sse') });
      const chunks = await collect(provider.streamCompletion(ask()));
      expect(chunks).toEqual([
        { type: 'text-delta', text: 'Hello' },
        { type: 'text-delta', text: '!' },
        {
          type: 'finish',
          finishReason: 'stop',
          usage: { inputTokens: 25, outputTokens: 15, totalTokens: 40 },
          responseId: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
          model: 'claude-sonnet-4-5-20250929',
        },
      ]);
    });

    it('re-assembles streamed tool input and numbers tool calls from 0', async () => {
      server.enqueue({ frames: fixtures.sseFrames('stream-tool-use.sse') });
      const chunks = await collect(provider.streamCompletion(ask('Weather?')));
      const toolChunks = chunks.filter((chunk) => chunk.type === 'tool-call-delta');
      expect(toolChunks[0]).toEqual({
        type: 'tool-call-delta',
        index: 0,
        id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
        name: 'get_weather',
        argumentsDelta: '',
      });
      // the start, then eight non-empty fragments (the empty first fragment carries nothing)
      expect(toolChunks.filter((chunk) => chunk.index === 0)).toHaveLength(9);
      expect(toolChunks.filter((chunk) => chunk.index === 1)).toEqual([
        {
          type: 'tool-call-delta',
          index: 1,
          id: 'toolu_01Hq4rTxWmCnWzYQ2Jp5aFbk',
          name: 'get_time',
          argumentsDelta: '',
        },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      ]);
      const folded = await foldStream(
        (async function* () {
          yield* chunks;
        })(),
        { provider: 'anthropic', model: MODEL },
      );
      expect(folded.text).toBe("Okay, let's check the weather for San Francisco, CA:");
      expect(folded.finishReason).toBe('tool_calls');
      const calls = folded.content.filter((part) => part.type === 'tool-call');
      expect(calls.map((call) => [call.id, call.name, JSON.parse(call.arguments)])).toEqual([
        [
          'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
          'get_weather',
          { location: 'San Francisco, CA', unit: 'fahrenheit' },
        ],
        ['toolu_01Hq4rTxWmCnWzYQ2Jp5aFbk', 'get_time', {}],
      ]);
      expect(folded.usage).toEqual({ inputTokens: 472, outputTokens: 89, totalTokens: 561 });
    });

    it('streams thinking as reasoning deltas and the signature as a reasoning delta with empty text', async () => {
      server.enqueue({ frames: fixtures.sseFrames('stream-thinking.sse') });
      const chunks = await collect(
        provider.streamCompletion({ ...ask(), reasoning: { budgetTokens: 2048 } }),
      );
      expect(chunks.slice(0, 3)).toEqual([
        {
          type: 'reasoning-delta',
          text: 'I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 × 462 + 147',
        },
        { type: 'reasoning-delta', text: '\n462 = 3 × 147 + 21\n147 = 7 × 21 + 0\n\nSo GCD(1071, 462) = 21' },
        {
          type: 'reasoning-delta',
          text: '',
          signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...',
        },
      ]);
      const folded = await foldStream(
        (async function* () {
          yield* chunks;
        })(),
        { provider: 'anthropic', model: MODEL },
      );
      expect(folded.content[0]).toMatchObject({
        type: 'reasoning',
        signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...',
      });
      expect(folded.text).toBe('The greatest common divisor (GCD) of 1071 and 462 is **21**.');
      expect(folded.usage).toEqual({
        inputTokens: 1240,
        outputTokens: 211,
        totalTokens: 1451,
        cachedInputTokens: 1200,
        cacheWriteInputTokens: 0,
      });
    });

    it('throws an error event inside a 200 stream as a retryable overloaded error, after the content before it', async () => {
      server.enqueue({ frames: fixtures.sseFrames('stream-error-overloaded.sse'), ending: 'hang' });
      const seen: StreamChunk[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of provider.streamCompletion(ask())) seen.push(chunk);
        })(),
      );
      expect(seen).toEqual([{ type: 'text-delta', text: 'Partial answer' }]);
      expect(error.code).toBe('overloaded');
      expect(error.retryable).toBe(true);
      expect(error.providerCode).toBe('overloaded_error');
      expect(error.providerId).toBe('anthropic');
      expect(error.status).toBeUndefined();
      expect(error.message).toContain('Overloaded');
    });

    it('throws an api_error event as a retryable provider error without leaking the key', async () => {
      server.enqueue({
        frames: [
          messageStart(),
          event('error', {
            type: 'error',
            error: { type: 'api_error', message: `internal failure for ${SECRET}` },
          }),
        ],
      });
      const error = await failure(collect(provider.streamCompletion(ask())));
      expect(error.code).toBe('provider');
      expect(error.retryable).toBe(true);
      expect(error.message).not.toContain(SECRET);
      expect(JSON.stringify(error.toJSON())).not.toContain(SECRET);
    });

    it('ignores unknown event types, unknown blocks and unknown deltas', async () => {
      server.enqueue({
        frames: [
          messageStart(),
          event('some_future_event', { type: 'some_future_event', detail: 1 }),
          'event: vendor_note\ndata: not json at all\n\n',
          event('content_block_start', {
            type: 'content_block_start',
            index: 0,
            content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
          }),
          event('content_block_delta', {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' },
          }),
          event('content_block_stop', { type: 'content_block_stop', index: 0 }),
          event('content_block_start', {
            type: 'content_block_start',
            index: 1,
            content_block: { type: 'text', text: '' },
          }),
          event('content_block_delta', {
            type: 'content_block_delta',
            index: 1,
            delta: { type: 'citations_delta', citation: { type: 'char_location' } },
          }),
          event('content_block_delta', {
            type: 'content_block_delta',
            index: 1,
            delta: { type: 'text_delta', text: 'Done' },
          }),
          event('content_block_stop', { type: 'content_block_stop', index: 1 }),
          event('message_delta', {
            type: 'message_delta',
            delta: { stop_reason: 'end_turn' },
            usage: { output_tokens: 3 },
          }),
          event('message_stop'),
        ],
      });
      const chunks = await collect(provider.streamCompletion(ask()));
      expect(chunks.map((chunk) => chunk.type)).toEqual(['text-delta', 'finish']);
    });

    it('reports a stream that ends after message_delta but without message_stop as a stream error', async () => {
      const frames = textFrames(['Hello']);
      server.enqueue({ frames: frames.slice(0, -1) });
      const error = await failure(collect(provider.streamCompletion(ask())));
      expect(error.code).toBe('stream');
      expect(error.retryable).toBe(true);
    });

    it('reports a connection reset mid-stream as an error, never a short answer', async () => {
      server.enqueue({ frames: textFrames(['Hello']).slice(0, 4), ending: 'destroy' });
      const error = await failure(collect(provider.streamCompletion(ask())));
      expect(['network', 'stream']).toContain(error.code);
    });

    it('aborts mid-stream: cancelled, and the upstream connection is closed', async () => {
      server.enqueue({ frames: textFrames(['partial']).slice(0, 4), ending: 'hang' });
      const controller = new AbortController();
      const closed = server.nextClientAbort();
      const error = await failure(
        (async () => {
          for await (const chunk of provider.streamCompletion(ask(), { signal: controller.signal })) {
            if (chunk.type === 'text-delta') controller.abort();
          }
        })(),
      );
      expect(error.code).toBe('cancelled');
      await closed;
      expect(server.clientAborts).toBe(1);
    });

    it('classifies an HTTP error of a stream request before any chunk', async () => {
      server.enqueue({ status: 529, body: errorBodies.overloaded_error as object });
      const error = await failure(collect(provider.streamCompletion(ask())));
      expect(error.code).toBe('overloaded');
      expect(error.status).toBe(529);
      expect(error.retryable).toBe(true);
    });
  });

  describe('errors', () => {
    const CASES = [
      [400, 'invalid_request_error', 'invalid_request', false],
      [400, 'prompt_too_long', 'context_length_exceeded', false],
      [401, 'authentication_error', 'authentication', false],
      [403, 'permission_error', 'permission', false],
      [404, 'not_found_error', 'not_found', false],
      [413, 'request_too_large', 'invalid_request', false],
      [429, 'rate_limit_error', 'rate_limit', true],
      [500, 'api_error', 'provider', true],
      [529, 'overloaded_error', 'overloaded', true],
    ] as const;

    for (const [status, fixture, code, retryable] of CASES) {
      it(`maps HTTP ${status} ${fixture} to ${code}`, async () => {
        const body = errorBodies[fixture] as { error: { type: string; message: string } };
        server.enqueue({ status, body });
        const error = await failure(provider.sendCompletion(ask()));
        expect(error.code).toBe(code);
        expect(error.retryable).toBe(retryable);
        expect(error.status).toBe(status);
        expect(error.providerId).toBe('anthropic');
        expect(error.providerCode).toBe(body.error.type);
        expect(error.message).toContain(body.error.message);
      });
    }

    it('reads retryAfterMs from retry-after', async () => {
      server.enqueue({
        status: 429,
        headers: { 'retry-after': '12' },
        body: errorBodies.rate_limit_error as object,
      });
      expect((await failure(provider.sendCompletion(ask()))).retryAfterMs).toBe(12_000);
    });

    it('reads retryAfterMs from the exhausted anthropic-ratelimit reset when retry-after is missing', async () => {
      // a frozen clock: the verdict cannot depend on how long the exchange takes
      vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-01-01T00:00:00.000Z') });
      server.enqueue({
        status: 429,
        headers: {
          'anthropic-ratelimit-requests-remaining': '10',
          'anthropic-ratelimit-requests-reset': '2025-01-01T00:00:05.000Z',
          'anthropic-ratelimit-tokens-remaining': '0',
          'anthropic-ratelimit-tokens-reset': '2025-01-01T00:00:40.000Z',
        },
        body: errorBodies.rate_limit_error as object,
      });
      const error = await failure(provider.sendCompletion(ask()));
      expect(error.retryAfterMs).toBe(40_000);
    });

    it('never puts the API key into an error, even when the upstream echoes it', async () => {
      server.enqueue({
        status: 401,
        body: {
          type: 'error',
          error: { type: 'authentication_error', message: `invalid x-api-key: ${SECRET}` },
        },
      });
      const error = await failure(provider.sendCompletion(ask()));
      expect(error.code).toBe('authentication');
      expect(error.message).not.toContain(SECRET);
      expect(JSON.stringify(error.toJSON())).not.toContain(SECRET);
    });

    it('rejects a pre-aborted call with cancelled before sending', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await failure(provider.sendCompletion(ask(), { signal: controller.signal }));
      expect(error.code).toBe('cancelled');
      expect(server.requests).toHaveLength(0);
    });
  });

  // Deadlines run on fake timers that move only once the exchange reached the phase under test
  // (the server saw the request, the client read the last frame sent), so the machine's load never
  // decides which limit fires. Sockets stay real: the upstream must see the connection close.
  describe('deadlines', () => {
    // a stream that sent its first text and then went quiet, read up to that point with the clock
    // standing still; `pending` is the next pull, which only a deadline can end
    async function stalledAfterText(
      options: Parameters<LLMProvider['streamCompletion']>[1],
    ): Promise<{ pending: Promise<IteratorResult<StreamChunk>> }> {
      server.enqueue({ frames: textFrames(['partial']).slice(0, 4), ending: 'hang' });
      const iterator = provider.streamCompletion(ask(), options)[Symbol.asyncIterator]();
      for (;;) {
        const { value } = await iterator.next();
        if (value?.type === 'text-delta') break;
      }
      return { pending: iterator.next() };
    }

    const configured = (deadlines: Record<string, number>): LLMProvider =>
      createAnthropicProvider({ apiKey: SECRET, baseUrl: server.url, ...deadlines });

    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });

    it('fails a stream that goes quiet for longer than idleTimeoutMs mid-stream and closes it', async () => {
      const closed = server.nextClientAbort();
      const next = failure((await stalledAfterText({ idleTimeoutMs: 50 })).pending);
      const error = await settleWithClock(next, 50);
      expect(error.code).toBe('timeout');
      expect(error.message).toContain('The response body stalled for more than 50 ms');
      await closed;
    });

    it('applies idleTimeoutMs from the config, and a call value overrides it', async () => {
      await provider.close?.();
      provider = configured({ idleTimeoutMs: 50 });
      const closed = server.nextClientAbort();
      const error = await settleWithClock(
        failure((await stalledAfterText({ idleTimeoutMs: 80 })).pending),
        10,
      );
      expect(error.message).toContain('The response body stalled for more than 80 ms');
      await closed;
      const again = server.nextClientAbort();
      const byConfig = await settleWithClock(failure((await stalledAfterText({})).pending), 10);
      expect(byConfig.message).toContain('The response body stalled for more than 50 ms');
      await again;
    });

    it('ends a stream mid-way with timeout when the whole call outlasts timeoutMs from the config', async () => {
      await provider.close?.();
      provider = configured({ timeoutMs: 1000 });
      const closed = server.nextClientAbort();
      const error = await settleWithClock(failure((await stalledAfterText({})).pending), 100);
      expect(error.code).toBe('timeout');
      expect(error.message).toContain('The request did not complete within 1000 ms');
      await closed;
    });

    it('fails a stream whose headers do not arrive within firstByteTimeoutMs', async () => {
      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      const closed = server.nextClientAbort();
      const error = failure(collect(provider.streamCompletion(ask(), { firstByteTimeoutMs: 50 })));
      await upstream.arrived;
      vi.advanceTimersByTime(50);
      expect((await error).message).toContain('No response headers within 50 ms');
      await closed;
    });

    it('times out a completion by firstByteTimeoutMs from the config and closes the connection', async () => {
      await provider.close?.();
      provider = configured({ firstByteTimeoutMs: 200 });
      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      const closed = server.nextClientAbort();
      const error = failure(provider.sendCompletion(ask()));
      await upstream.arrived;
      vi.advanceTimersByTime(200);
      expect(await error).toMatchObject({ code: 'timeout', retryable: true });
      await closed;
    });

    it('times out a slow completion with the call timeoutMs and closes the connection', async () => {
      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      const closed = server.nextClientAbort();
      const error = failure(provider.sendCompletion(ask(), { timeoutMs: 50 }));
      await upstream.arrived;
      vi.advanceTimersByTime(50);
      expect(await error).toMatchObject({ code: 'timeout' });
      await closed;
    });
  });

  describe('metadata', () => {
    it('merges GET /v1/models over the catalog', async () => {
      server.enqueue({ body: fixtures.json('models-list.json') });
      const metadata = await provider.getMetadata();
      expect(server.requests[0]!.url).toBe('/v1/models?limit=1000');
      expect(server.requests[0]!.headers['x-api-key']).toBe(SECRET);
      expect(metadata.providerId).toBe('anthropic');
      expect(metadata.apiVersion).toBe('2023-06-01');
      expect(metadata.models.slice(0, 3).map((model) => model.id)).toEqual([
        'claude-sonnet-4-5-20250929',
        'claude-3-5-haiku-20241022',
        'claude-experimental-9',
      ]);
      const byId = new Map(metadata.models.map((model) => [model.id, model]));
      // a dated snapshot is the model its alias names: the alias's prices, the limits the API reports
      expect(byId.get('claude-sonnet-4-5-20250929')).toEqual({
        ...byId.get('claude-sonnet-4-5'),
        id: 'claude-sonnet-4-5-20250929',
        contextWindow: 1_000_000,
      });
      expect(byId.get('claude-3-5-haiku-20241022')).toMatchObject({
        contextWindow: 200_000,
        maxOutputTokens: 8192,
        capabilities: { reasoning: false },
        pricing: ANTHROPIC_MODEL_CATALOG.find((model) => model.id === 'claude-3-5-haiku')?.pricing,
      });
      // unknown to the catalog: what the API reports, never a price of 0
      expect(byId.get('claude-experimental-9')).toEqual({
        id: 'claude-experimental-9',
        contextWindow: 500_000,
        capabilities: { streaming: true, tools: true, vision: true, json: true, reasoning: true },
      });
      for (const known of ANTHROPIC_MODEL_CATALOG) expect(byId.get(known.id)).toEqual(known);
    });

    it('falls back to the catalog when the model list fails or is not a list', async () => {
      server.enqueue({ status: 500, body: errorBodies.api_error as object });
      expect((await provider.getMetadata()).models).toEqual([...ANTHROPIC_MODEL_CATALOG]);
      await provider.close?.();
      provider = createAnthropicProvider({ apiKey: SECRET, baseUrl: server.url });
      server.enqueue({ body: { object: 'list' } });
      expect((await provider.getMetadata()).models).toEqual([...ANTHROPIC_MODEL_CATALOG]);
      expect(server.requests).toHaveLength(2);
    });

    it('resolves dated snapshots and -latest aliases to their catalog entry', async () => {
      server.enqueue({ status: 500, body: errorBodies.api_error as object });
      const catalogOnly = await provider.getMetadata();
      expect(provider.resolveModel?.('claude-opus-4-1-20250805', catalogOnly)?.id).toBe('claude-opus-4-1');
      expect(provider.resolveModel?.('claude-opus-4-20250514', catalogOnly)?.id).toBe('claude-opus-4');
      expect(provider.resolveModel?.('claude-3-7-sonnet-latest', catalogOnly)?.id).toBe('claude-3-7-sonnet');
      expect(provider.resolveModel?.('claude-opus-40', catalogOnly)).toBeUndefined();
    });

    it('rejects getMetadata with cancelled when the caller aborts', async () => {
      const controller = new AbortController();
      controller.abort();
      expect((await failure(provider.getMetadata({ signal: controller.signal }))).code).toBe('cancelled');
    });
  });

  describe('countTokens', () => {
    const weatherTool = {
      name: 'get_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        },
        required: ['location'],
      },
    };

    it('posts the inputs of the Messages request to /v1/messages/count_tokens and answers exactly', async () => {
      await provider.close?.();
      provider = createAnthropicProvider({
        apiKey: SECRET,
        baseUrl: server.url,
        beta: 'token-efficient-tools-2025-02-19',
      });
      server.enqueue({ body: fixtures.json('count-tokens-response.json') });
      const count = await provider.countTokens!(
        {
          model: MODEL,
          messages: [
            { role: 'system', content: 'You are a scientist' },
            { role: 'user', content: 'Hello, Claude' },
            { role: 'user', content: "What's the weather like in San Francisco?" },
          ],
          tools: [weatherTool],
          toolChoice: 'auto',
          reasoning: { budgetTokens: 2048 },
          maxTokens: 1000,
          temperature: 0.5,
          topP: 0.9,
          stop: ['END'],
          user: 'user-123',
        },
        { headers: { 'anthropic-workspace-id': 'wrkspc_01' } },
      );
      expect(count).toEqual({ inputTokens: 14, exact: true, provider: 'anthropic', model: MODEL });
      const sent = server.requests[0]!;
      expect(sent.method).toBe('POST');
      expect(sent.url).toBe('/v1/messages/count_tokens');
      expect(sent.headers['x-api-key']).toBe(SECRET);
      expect(sent.headers['anthropic-version']).toBe('2023-06-01');
      expect(sent.headers['anthropic-beta']).toBe('token-efficient-tools-2025-02-19');
      expect(sent.headers['anthropic-workspace-id']).toBe('wrkspc_01');
      // exactly the documented inputs: no max_tokens, sampling fields, metadata or stream
      expect(sent.json()).toEqual({
        model: MODEL,
        system: 'You are a scientist',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hello, Claude' },
              { type: 'text', text: "What's the weather like in San Francisco?" },
            ],
          },
        ],
        tools: [
          {
            name: 'get_weather',
            description: 'Get the current weather in a given location',
            input_schema: weatherTool.parameters,
          },
        ],
        tool_choice: { type: 'auto' },
        thinking: { type: 'enabled', budget_tokens: 2048 },
      });
    });

    it('counts what the Messages request would send: the JSON instruction and counted provider params', async () => {
      server.enqueue({ body: { input_tokens: 1187 } });
      server.enqueue({ body: fixtures.json('messages-response-text.json') });
      const request: CompletionRequest = {
        model: MODEL,
        messages: [{ role: 'user', content: 'I live in Lyon.' }],
        responseFormat: { type: 'json' },
        providerParams: {
          anthropic: {
            system: [{ type: 'text', text: 'Extract the city.', cache_control: { type: 'ephemeral' } }],
            top_k: 5,
            service_tier: 'auto',
          },
        },
      };
      expect((await provider.countTokens!(request)).inputTokens).toBe(1187);
      await provider.sendCompletion(request);
      const counted = server.requests[0]!.json<Record<string, unknown>>();
      const sent = server.requests[1]!.json<Record<string, unknown>>();
      expect(counted).toEqual({ model: MODEL, system: sent.system, messages: sent.messages });
      expect(sent).toMatchObject({ top_k: 5, service_tier: 'auto' });
    });

    it('fails a 429 as a retryable rate_limit with retry-after, without the key', async () => {
      server.enqueue({
        status: 429,
        headers: { 'retry-after': '9' },
        body: {
          type: 'error',
          error: {
            type: 'rate_limit_error',
            message: `Number of request tokens has exceeded your per-minute rate limit (${SECRET})`,
          },
        },
      });
      const error = await failure(provider.countTokens!(ask()));
      expect(error).toMatchObject({
        code: 'rate_limit',
        retryable: true,
        retryAfterMs: 9000,
        status: 429,
        providerId: 'anthropic',
        providerCode: 'rate_limit_error',
      });
      expect(JSON.stringify(error.toJSON())).not.toContain(SECRET);
    });

    it("fails a 400 as invalid_request with Anthropic's message", async () => {
      server.enqueue({ status: 400, body: errorBodies.invalid_request_error as object });
      const error = await failure(provider.countTokens!(ask()));
      expect(error).toMatchObject({ code: 'invalid_request', retryable: false, status: 400 });
      expect(error.message).toBe(
        'HTTP 400: messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
      );
    });

    it('fails a 200 without a token count as a parse error', async () => {
      server.enqueue({ body: { input_tokens: 'many' } });
      expect(await failure(provider.countTokens!(ask()))).toMatchObject({ code: 'parse', model: MODEL });
    });

    it('rejects bad input before any I/O, naming the field', async () => {
      const error = await failure(provider.countTokens!({ ...ask(), temperature: 1.5 }));
      expect(error).toMatchObject({ code: 'invalid_request', field: 'temperature' });
      expect(server.requests).toHaveLength(0);
    });

    it('aborted while waiting: cancelled, and the upstream connection is closed', async () => {
      let arrived!: () => void;
      const reached = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      // the upstream holds the answer until the client gives up
      server.enqueue(() => arrived());
      const closed = server.nextClientAbort();
      const controller = new AbortController();
      const error = failure(provider.countTokens!(ask(), { signal: controller.signal }));
      await reached;
      controller.abort();
      expect(await error).toMatchObject({ code: 'cancelled', providerId: 'anthropic' });
      await closed;
      expect(server.clientAborts).toBe(1);
    });

    it('has no embed: Anthropic offers no embeddings API', () => {
      expect(provider.embed).toBeUndefined();
    });
  });

  describe('probe', () => {
    it('resolves when the model list answers', async () => {
      server.enqueue({ body: { data: [], has_more: false } });
      await provider.probe({});
      expect(server.requests[0]!.url).toBe('/v1/models?limit=1');
      expect(server.requests[0]!.headers['x-api-key']).toBe(SECRET);
    });

    it('rejects with the classified error, without the key', async () => {
      server.enqueue({ status: 529, body: errorBodies.overloaded_error as object });
      expect(await failure(provider.probe({}))).toMatchObject({
        code: 'overloaded',
        providerId: 'anthropic',
      });
      server.enqueue({
        status: 401,
        body: { type: 'error', error: { type: 'authentication_error', message: `bad key ${SECRET}` } },
      });
      const error = await failure(provider.probe({}));
      expect(error.code).toBe('authentication');
      expect(error.message).toContain('HTTP 401');
      expect(error.message).not.toContain(SECRET);
      expect(JSON.stringify(error.toJSON())).not.toContain(SECRET);
    });

    it('rejects with network when the API cannot be reached', async () => {
      const address = server.url;
      await server.close();
      await provider.close?.();
      provider = createAnthropicProvider({ apiKey: SECRET, baseUrl: address });
      server = await createScriptedServer();
      expect((await failure(provider.probe({}))).code).toBe('network');
    });
  });
});
