import type { ServerResponse } from 'node:http';
import { type CompletionRequest, foldStream, type LLMProvider, type StreamChunk } from '@hub/core';
import {
  type ContractErrorKind,
  collectChunks as collect,
  createScriptedServer,
  describeProviderContract,
  catchConnectorError as failure,
  type RecordedRequest,
  type ScriptedServer,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAzureOpenAIProvider } from './azure-openai-provider.js';
import { createOpenAIProvider, type OpenAIProviderOptions } from './openai-provider.js';
import { FAKE_OPENAI_KEY, fixtures } from './test-support/chat-completions-wire.js';
import { routeEmbeddings } from './test-support/embeddings-wire.js';
import {
  functionCallReply,
  responseBody,
  responsesEvent,
  textEvents,
} from './test-support/responses-wire.js';

const ERROR_REPLIES: Record<ContractErrorKind, { status: number; fixture: string }> = {
  authentication: { status: 401, fixture: 'error-invalid-api-key.json' },
  rate_limit: { status: 429, fixture: 'responses-error-rate-limit.json' },
  invalid_request: { status: 400, fixture: 'error-invalid-request.json' },
  provider: { status: 500, fixture: 'error-server.json' },
};

/** Answers a response or a stream, depending on what the client asked for. */
function replyWith(body: object, frames: readonly string[]) {
  return (request: RecordedRequest, response: ServerResponse): void => {
    if (request.json<{ stream?: boolean }>().stream === true) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(frames.join(''));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
}

const hello: CompletionRequest = { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Say hello.' }] };

// ---------------------------------------------------------------------------------------------
// The shared LLMProvider contract, in Responses mode, against the Responses wire format.

let contractServer: ScriptedServer;
describeProviderContract('openai (Responses API)', {
  model: 'gpt-4.1',
  async createProvider() {
    contractServer = await createScriptedServer();
    return createOpenAIProvider({
      apiKey: FAKE_OPENAI_KEY,
      baseUrl: `${contractServer.url}/v1`,
      api: 'responses',
      env: {},
    });
  },
  arrangeText: (pieces) =>
    contractServer.enqueue(replyWith(responseBody(pieces.join('')), textEvents(pieces))),
  arrangeError(kind, options) {
    const reply = ERROR_REPLIES[kind];
    contractServer.enqueue({
      status: reply.status,
      headers: kind === 'rate_limit' ? { 'retry-after': String(options.retryAfterSeconds) } : {},
      body: fixtures.json(reply.fixture),
    });
  },
  arrangeStall: (first) => contractServer.enqueue({ frames: textEvents([first], false), ending: 'hang' }),
  arrangeTruncation: (first) => contractServer.enqueue({ frames: textEvents([first], false), ending: 'end' }),
  upstreamClosed: () => contractServer.nextClientAbort(),
  upstreamRequests: () => contractServer.requests,
  requestIdHeader: 'x-client-request-id',
  arrangeSilence: () => contractServer.enqueue(() => {}),
  arrangeToolCall(name, argumentsJson) {
    const reply = functionCallReply(name, argumentsJson);
    contractServer.enqueue(replyWith(reply.body, reply.frames));
  },
  arrangeStreamError: (first) =>
    contractServer.enqueue({
      frames: [
        ...textEvents([first], false),
        responsesEvent({
          type: 'response.failed',
          sequence_number: 9,
          response: {
            id: 'resp_contract',
            object: 'response',
            status: 'failed',
            error: { code: 'server_error', message: 'The model failed to generate a response.' },
            output: [],
          },
        }),
      ],
      ending: 'hang',
    }),
  arrangeTokenCount: (inputTokens) =>
    contractServer.enqueue({ body: { object: 'response.input_tokens', input_tokens: inputTokens } }),
  embedding: {
    model: 'text-embedding-3-large',
    batchSize: 2048,
    flexibleDimensions: true,
    arrangeEmbeddings: (answer) => routeEmbeddings(contractServer, '/v1/embeddings', answer),
  },
  arrangeMalformedEvent: (first) =>
    contractServer.enqueue({
      frames: [
        ...textEvents([first], false),
        'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":\n\n',
      ],
      ending: 'hang',
    }),
  validConfig: { apiKey: FAKE_OPENAI_KEY, api: 'responses' },
  invalidConfig: { apiKey: FAKE_OPENAI_KEY, api: 'assistants' },
  secret: FAKE_OPENAI_KEY,
  cleanup: () => contractServer.close(),
});

// ---------------------------------------------------------------------------------------------
// The Responses wire format, request and answer, against doc-shaped fixtures.

describe('OpenAI provider on the Responses API', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;
  const create = (options: OpenAIProviderOptions = {}): LLMProvider =>
    createOpenAIProvider({
      apiKey: FAKE_OPENAI_KEY,
      baseUrl: `${server.url}/v1`,
      env: {},
      api: 'responses',
      ...options,
    });

  beforeEach(async () => {
    server = await createScriptedServer();
    provider = create();
  });
  afterEach(async () => {
    await provider.close?.();
    await server.close();
  });

  describe('requests', () => {
    it('posts the whole conversation to /v1/responses with store: false', async () => {
      server.enqueue({ body: fixtures.json('responses-text.json') });
      await provider.sendCompletion(
        {
          model: 'gpt-4.1',
          messages: [
            { role: 'system', content: 'Be brief.' },
            {
              role: 'user',
              name: 'ada',
              content: [
                { type: 'text', text: 'Compare these.' },
                { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' }, detail: 'low' },
                { type: 'image', source: { type: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' } },
              ],
            },
            { role: 'assistant', content: 'They differ.' },
            { role: 'user', content: 'How?' },
          ],
          temperature: 0.2,
          topP: 0.9,
          maxTokens: 64,
          seed: 7,
          user: 'user-42',
          metadata: { tenant: 'acme' },
        },
        { requestId: 'req-1' },
      );
      const [sent] = server.requests;
      expect(sent?.url).toBe('/v1/responses');
      expect(sent?.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
      expect(sent?.headers['x-client-request-id']).toBe('req-1');
      expect(sent?.json()).toEqual({
        model: 'gpt-4.1',
        input: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'Compare these.' },
              { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'low' },
              { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' },
            ],
          },
          { role: 'assistant', content: 'They differ.' },
          { role: 'user', content: 'How?' },
        ],
        temperature: 0.2,
        top_p: 0.9,
        max_output_tokens: 64,
        store: false,
        user: 'user-42',
      });
    });

    it('sends flat function tools, tool choice, parallel_tool_calls and a strict JSON schema format', async () => {
      server.enqueue({ body: fixtures.json('responses-function-call.json') });
      const parameters = {
        type: 'object',
        properties: { location: { type: 'string' } },
        required: ['location'],
      };
      const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
      await provider.sendCompletion({
        ...hello,
        tools: [
          { name: 'get_weather', description: 'Current weather', parameters, strict: true },
          { name: 'noop', parameters: { type: 'object', properties: {} } },
        ],
        toolChoice: { type: 'tool', name: 'get_weather' },
        parallelToolCalls: false,
        responseFormat: { type: 'json_schema', name: 'answer', schema },
      });
      const body = server.requests[0]?.json<Record<string, unknown>>();
      expect(body?.tools).toEqual([
        { type: 'function', name: 'get_weather', description: 'Current weather', parameters, strict: true },
        // the Responses API defaults to strict; the unified default is not
        { type: 'function', name: 'noop', parameters: { type: 'object', properties: {} }, strict: false },
      ]);
      expect(body?.tool_choice).toEqual({ type: 'function', name: 'get_weather' });
      expect(body?.parallel_tool_calls).toBe(false);
      expect(body?.text).toEqual({ format: { type: 'json_schema', name: 'answer', schema, strict: true } });
    });

    it.each([
      [{ type: 'json' } as const, { format: { type: 'json_object' } }],
      [{ type: 'text' } as const, { format: { type: 'text' } }],
    ])('maps responseFormat %j to text %j', async (responseFormat, text) => {
      server.enqueue({ body: fixtures.json('responses-text.json') });
      await provider.sendCompletion({ ...hello, responseFormat });
      expect(server.requests[0]?.json<Record<string, unknown>>().text).toEqual(text);
    });

    it('asks reasoning models for the effort and encrypted reasoning, without sampling knobs', async () => {
      server.enqueue({ body: fixtures.json('responses-reasoning.json') });
      await provider.sendCompletion({
        model: 'o4-mini',
        messages: [{ role: 'user', content: 'Think.' }],
        maxTokens: 2000,
        temperature: 0.7,
        reasoning: { effort: 'high' },
      });
      expect(server.requests[0]?.json()).toEqual({
        model: 'o4-mini',
        input: [{ role: 'user', content: 'Think.' }],
        max_output_tokens: 2000,
        reasoning: { effort: 'high' },
        include: ['reasoning.encrypted_content'],
        store: false,
      });
    });

    it('merges its own providerParams last (store: true, say)', async () => {
      server.enqueue({ body: fixtures.json('responses-text.json') });
      await provider.sendCompletion({
        ...hello,
        providerParams: { openai: { store: true, truncation: 'auto' } },
      });
      expect(server.requests[0]?.json()).toMatchObject({ store: true, truncation: 'auto' });
    });

    it('refuses stop sequences before any network I/O, naming the field', async () => {
      const error = await failure(provider.sendCompletion({ ...hello, stop: ['\n'] }));
      expect(error).toMatchObject({ code: 'invalid_request', field: 'stop', providerId: 'openai' });
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('answers', () => {
    it('maps a response: text, usage, id, model and rate limits', async () => {
      server.enqueue({
        body: fixtures.json('responses-text.json'),
        headers: { 'x-ratelimit-remaining-requests': '59', 'x-ratelimit-reset-requests': '1s' },
      });
      const response = await provider.sendCompletion(hello);
      const text =
        'In a peaceful grove beneath a silver moon, a unicorn named Lumina discovered a hidden pool that reflected the stars.';
      expect(response).toEqual({
        id: 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b',
        provider: 'openai',
        model: 'gpt-4.1-2025-04-14',
        text,
        content: [{ type: 'text', text }],
        finishReason: 'stop',
        usage: {
          inputTokens: 36,
          outputTokens: 87,
          totalTokens: 123,
          cachedInputTokens: 0,
          reasoningTokens: 0,
        },
        rateLimit: { remainingRequests: 59, requestsResetMs: 1000 },
      });
    });

    it('finishes an incomplete response as length, keeping reasoning usage', async () => {
      server.enqueue({ body: fixtures.json('responses-incomplete.json') });
      const response = await provider.sendCompletion({ ...hello, model: 'o4-mini', maxTokens: 300 });
      expect(response.finishReason).toBe('length');
      expect(response.usage).toMatchObject({ outputTokens: 300, reasoningTokens: 300 });
    });

    it('rejects a failed response body with its classified error', async () => {
      server.enqueue({
        body: {
          id: 'resp_x',
          object: 'response',
          status: 'failed',
          error: { code: 'rate_limit_exceeded', message: 'Slow down.' },
          output: [],
        },
      });
      const error = await failure(provider.sendCompletion(hello));
      expect(error).toMatchObject({
        code: 'rate_limit',
        retryable: true,
        providerCode: 'rate_limit_exceeded',
      });
      expect(error.message).toBe('The response failed: Slow down.');
    });

    it('classifies a 429 with its wait, and insufficient_quota as quota_exceeded', async () => {
      server.enqueue(
        {
          status: 429,
          headers: { 'retry-after-ms': '1024' },
          body: fixtures.json('responses-error-rate-limit.json'),
        },
        { status: 429, body: fixtures.json('error-insufficient-quota.json') },
      );
      const limited = await failure(provider.sendCompletion(hello));
      expect(limited).toMatchObject({
        code: 'rate_limit',
        retryAfterMs: 1024,
        providerCode: 'rate_limit_exceeded',
      });
      expect(limited.message).toMatch(/^HTTP 429: Rate limit reached/);
      expect((await failure(collect(provider.streamCompletion(hello)))).code).toBe('quota_exceeded');
    });
  });

  describe('streams', () => {
    it('decodes the documented text stream into deltas and one finish with usage', async () => {
      server.enqueue({ frames: fixtures.sseFrames('responses-stream-text.sse') });
      const chunks = await collect(provider.streamCompletion(hello));
      expect(server.requests[0]?.json()).toMatchObject({ stream: true, store: false });
      expect(chunks).toEqual([
        { type: 'text-delta', text: 'Hi' },
        { type: 'text-delta', text: ' there' },
        { type: 'text-delta', text: '! How can I assist you today?' },
        {
          type: 'finish',
          finishReason: 'stop',
          usage: {
            inputTokens: 37,
            outputTokens: 11,
            totalTokens: 48,
            cachedInputTokens: 0,
            reasoningTokens: 0,
          },
          responseId: 'resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654',
          model: 'gpt-4.1-2025-04-14',
        },
      ]);
    });

    it('decodes events split across writes at arbitrary points', async () => {
      const bytes = Buffer.from(fixtures.text('responses-stream-reasoning.sse'), 'utf8');
      const pieces: Uint8Array[] = [];
      for (let offset = 0; offset < bytes.length; offset += 11)
        pieces.push(bytes.subarray(offset, offset + 11));
      server.enqueue({ frames: pieces });
      const folded = await foldStream(provider.streamCompletion({ ...hello, model: 'o4-mini' }), {
        provider: 'openai',
        model: 'o4-mini',
      });
      expect(folded.text).toBe('9.9 is larger.');
      expect(folded.content[0]).toMatchObject({
        type: 'reasoning',
        id: 'rs_68b5b0c7a1c0819592ba1b7e1d3f0f9e',
      });
    });

    it('finishes an incomplete stream as length', async () => {
      server.enqueue({ frames: fixtures.sseFrames('responses-stream-incomplete.sse') });
      const chunks = await collect(provider.streamCompletion(hello));
      expect(chunks.at(-1)).toMatchObject({
        type: 'finish',
        finishReason: 'length',
        usage: { outputTokens: 3 },
      });
    });

    it('throws stream when the body ends without a terminal event, after the deltas it got', async () => {
      server.enqueue({ frames: fixtures.sseFrames('responses-stream-text.sse').slice(0, -1) });
      const seen: StreamChunk[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of provider.streamCompletion(hello)) seen.push(chunk);
        })(),
      );
      expect(error).toMatchObject({ code: 'stream', retryable: true });
      expect(seen.map((chunk) => chunk.type)).toEqual(['text-delta', 'text-delta', 'text-delta']);
    });

    it('throws the failure of a response.failed event, never a short success', async () => {
      server.enqueue({ frames: fixtures.sseFrames('responses-stream-failed.sse') });
      const seen: StreamChunk[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of provider.streamCompletion(hello)) seen.push(chunk);
        })(),
      );
      expect(error).toMatchObject({ code: 'provider', retryable: true, providerCode: 'server_error' });
      expect(seen).toEqual([{ type: 'text-delta', text: 'Partial' }]);
    });

    it('throws the classified error of an error event', async () => {
      server.enqueue({ frames: fixtures.sseFrames('responses-stream-error.sse') });
      const error = await failure(collect(provider.streamCompletion(hello)));
      expect(error).toMatchObject({ code: 'rate_limit', providerCode: 'rate_limit_exceeded' });
      expect(error.message).toContain('Rate limit reached for gpt-4.1');
    });

    it('throws parse for an event that is not JSON and closes the connection', async () => {
      server.enqueue({
        frames: [...textEvents(['Hel'], false), 'event: response.output_text.delta\ndata: {"type":\n\n'],
        ending: 'hang',
      });
      const closed = server.nextClientAbort();
      expect((await failure(collect(provider.streamCompletion(hello)))).code).toBe('parse');
      await closed;
    });

    it('reuses the connection after a complete stream (the body is read to its end)', async () => {
      const ports: Array<number | undefined> = [];
      const reply = (_request: RecordedRequest, response: ServerResponse): void => {
        ports.push(response.socket?.remotePort);
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(fixtures.text('responses-stream-text.sse'));
      };
      server.enqueue(reply, reply);
      await collect(provider.streamCompletion(hello));
      await new Promise((resolve) => setImmediate(resolve));
      await collect(provider.streamCompletion(hello));
      expect(ports[1]).toBe(ports[0]);
    });
  });

  describe('round trips', () => {
    it('a tool call: the function_call comes back as a tool call, and goes out again with its result', async () => {
      server.enqueue({ body: fixtures.json('responses-function-call.json') });
      const first = await provider.sendCompletion({
        ...hello,
        tools: [{ name: 'get_current_weather', parameters: { type: 'object' } }],
      });
      expect(first.finishReason).toBe('tool_calls');
      expect(first.content).toEqual([
        {
          type: 'tool-call',
          id: 'call_unLAR8MvFNptuiZK6K6HCy5k',
          name: 'get_current_weather',
          arguments: '{"location":"Boston, MA","unit":"celsius"}',
        },
      ]);

      server.enqueue({ frames: fixtures.sseFrames('responses-stream-text.sse') });
      const [call] = first.content.filter((part) => part.type === 'tool-call');
      await collect(
        provider.streamCompletion({
          ...hello,
          messages: [
            ...hello.messages,
            {
              role: 'assistant',
              content: '',
              toolCalls: [call as { id: string; name: string; arguments: string }],
            },
            {
              role: 'tool',
              toolCallId: 'call_unLAR8MvFNptuiZK6K6HCy5k',
              content: [{ type: 'text', text: '18°C' }],
            },
          ],
        }),
      );
      expect(server.requests[1]?.json<{ input: unknown[] }>().input.slice(1)).toEqual([
        {
          type: 'function_call',
          call_id: 'call_unLAR8MvFNptuiZK6K6HCy5k',
          name: 'get_current_weather',
          arguments: '{"location":"Boston, MA","unit":"celsius"}',
        },
        { type: 'function_call_output', call_id: 'call_unLAR8MvFNptuiZK6K6HCy5k', output: '18°C' },
      ]);
    });

    it('a streamed tool call folds to the call, finishing for tool calls', async () => {
      server.enqueue({ frames: fixtures.sseFrames('responses-stream-function-call.sse') });
      const folded = await foldStream(provider.streamCompletion(hello), {
        provider: 'openai',
        model: 'gpt-4.1',
      });
      expect(folded.finishReason).toBe('tool_calls');
      expect(folded.content).toEqual([
        {
          type: 'tool-call',
          id: 'call_1234xyz',
          name: 'get_weather',
          arguments: '{"location":"Paris, France"}',
        },
      ]);
      expect(folded.usage.totalTokens).toBe(80);
    });

    it('reasoning with encrypted content: kept on the reasoning part, sent back losslessly on the next turn', async () => {
      server.enqueue({ body: fixtures.json('responses-reasoning.json') });
      const first = await provider.sendCompletion({ ...hello, model: 'o4-mini' });
      const encrypted = fixtures.json<{ output: [{ encrypted_content: string }] }>('responses-reasoning.json')
        .output[0].encrypted_content;
      expect(first.content[0]).toEqual({
        type: 'reasoning',
        text: '**Determining the weather tool call**\n\nThe user asks about Paris, so I should call get_weather with Paris.',
        signature: encrypted,
        id: 'rs_6876cf02e0bc8192b74af0fb64b715ff06fa2fcced15a5ac',
      });
      expect(first.usage).toEqual({
        inputTokens: 319,
        outputTokens: 212,
        totalTokens: 531,
        cachedInputTokens: 256,
        reasoningTokens: 192,
      });

      server.enqueue({ body: fixtures.json('responses-text.json') });
      const [reasoning, call] = first.content;
      await provider.sendCompletion({
        ...hello,
        model: 'o4-mini',
        messages: [
          ...hello.messages,
          {
            role: 'assistant',
            content: [reasoning as { type: 'reasoning'; text: string }],
            toolCalls: [call as { id: string; name: string; arguments: string }],
          },
          { role: 'tool', toolCallId: 'call_9fSdGLr2VcwU4FvzhzWiWu7m', content: '18°C' },
        ],
      });
      expect(server.requests[1]?.json<{ input: unknown[] }>().input.slice(1)).toEqual([
        {
          type: 'reasoning',
          id: 'rs_6876cf02e0bc8192b74af0fb64b715ff06fa2fcced15a5ac',
          summary: [
            {
              type: 'summary_text',
              text: '**Determining the weather tool call**\n\nThe user asks about Paris, so I should call get_weather with Paris.',
            },
          ],
          encrypted_content: encrypted,
        },
        {
          type: 'function_call',
          call_id: 'call_9fSdGLr2VcwU4FvzhzWiWu7m',
          name: 'get_weather',
          arguments: '{"location":"Paris, France"}',
        },
        { type: 'function_call_output', call_id: 'call_9fSdGLr2VcwU4FvzhzWiWu7m', output: '18°C' },
      ]);
    });

    it('streamed reasoning folds into one signed part per item, and the folded answer goes back as it came', async () => {
      server.enqueue({ frames: fixtures.sseFrames('responses-stream-reasoning.sse') });
      const chunks = await collect(provider.streamCompletion({ ...hello, model: 'o4-mini' }));
      expect(chunks.filter((chunk) => chunk.type === 'reasoning-delta').map((chunk) => chunk)).toEqual([
        { type: 'reasoning-delta', text: '**Comparing numbers**', id: 'rs_68b5b0c7a1c0819592ba1b7e1d3f0f9e' },
        {
          type: 'reasoning-delta',
          text: '\n\n9.9 is 9.90, which is more than 9.11.',
          id: 'rs_68b5b0c7a1c0819592ba1b7e1d3f0f9e',
        },
        // a new summary part of the same item starts after a blank line
        {
          type: 'reasoning-delta',
          text: '\n\n**Answering briefly**',
          id: 'rs_68b5b0c7a1c0819592ba1b7e1d3f0f9e',
        },
        {
          type: 'reasoning-delta',
          text: '',
          signature: expect.stringMatching(/^gAAAAAB/),
          id: 'rs_68b5b0c7a1c0819592ba1b7e1d3f0f9e',
        },
      ]);
      const folded = await foldStream(
        (async function* () {
          yield* chunks;
        })(),
        { provider: 'openai', model: 'o4-mini' },
      );
      expect(folded.content.map((part) => part.type)).toEqual(['reasoning', 'text']);
      expect(folded.usage.reasoningTokens).toBe(128);

      server.enqueue({ body: fixtures.json('responses-text.json') });
      await provider.sendCompletion({
        ...hello,
        model: 'o4-mini',
        messages: [
          ...hello.messages,
          { role: 'assistant', content: folded.content as Array<{ type: 'text'; text: string }> },
          { role: 'user', content: 'Why?' },
        ],
      });
      const input = server.requests[1]?.json<{ input: Array<Record<string, unknown>> }>().input;
      expect(input?.[1]).toMatchObject({
        type: 'reasoning',
        id: 'rs_68b5b0c7a1c0819592ba1b7e1d3f0f9e',
        encrypted_content: expect.stringMatching(/^gAAAAAB/),
        summary: [
          {
            type: 'summary_text',
            text: '**Comparing numbers**\n\n9.9 is 9.90, which is more than 9.11.\n\n**Answering briefly**',
          },
        ],
      });
      expect(input?.[2]).toEqual({ role: 'assistant', content: '9.9 is larger.' });
    });

    it('drops reasoning another provider produced (no item id or no encrypted content)', async () => {
      server.enqueue({ body: fixtures.json('responses-text.json') });
      await provider.sendCompletion({
        ...hello,
        messages: [
          { role: 'user', content: 'Hi' },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'thinking', signature: 'anthropic-signature' },
              { type: 'text', text: 'Hello.' },
            ],
          },
          { role: 'user', content: 'Again?' },
        ],
      });
      expect(server.requests[0]?.json<{ input: unknown[] }>().input).toEqual([
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Again?' },
      ]);
    });
  });
});

describe('choosing the API', () => {
  let server: ScriptedServer;
  const providers: LLMProvider[] = [];
  beforeEach(async () => {
    server = await createScriptedServer();
  });
  afterEach(async () => {
    for (const provider of providers.splice(0)) await provider.close?.();
    await server.close();
  });
  const create = (options: OpenAIProviderOptions = {}): LLMProvider => {
    const provider = createOpenAIProvider({
      apiKey: FAKE_OPENAI_KEY,
      baseUrl: `${server.url}/v1`,
      env: {},
      ...options,
    });
    providers.push(provider);
    return provider;
  };

  it('sends models served only on Responses there, and the rest to Chat Completions', async () => {
    const provider = create();
    server.enqueue(
      { body: fixtures.json('responses-text.json') },
      { body: fixtures.json('responses-text.json') },
    );
    server.enqueue({ body: fixtures.json('chat-completion.json') });
    await provider.sendCompletion({ ...hello, model: 'o3-pro' });
    await provider.sendCompletion({ ...hello, model: 'o3-pro-2025-06-10' });
    await provider.sendCompletion({ ...hello, model: 'gpt-4o-mini' });
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/responses',
      '/v1/responses',
      '/v1/chat/completions',
    ]);
  });

  it("forces one API with api: 'chat' | 'responses'", async () => {
    server.enqueue(
      { body: fixtures.json('chat-completion.json') },
      { body: fixtures.json('responses-text.json') },
    );
    await create({ api: 'chat' }).sendCompletion({ ...hello, model: 'o3-pro' });
    await create({ api: 'responses' }).sendCompletion({ ...hello, model: 'gpt-4o-mini' });
    expect(server.requests.map((request) => request.url)).toEqual(['/v1/chat/completions', '/v1/responses']);
  });

  it('Azure OpenAI: /openai/responses?api-version=… (or /openai/v1/responses) with the deployment as model', async () => {
    const azure = (useV1Api: boolean) => {
      const provider = createAzureOpenAIProvider({
        endpoint: server.url,
        apiVersion: '2025-04-01-preview',
        deployments: { 'gpt-4.1': 'prod-gpt41' },
        apiKey: '7c1e9f04b2d84a6f93e5c8a1d0b7f3e2',
        api: 'responses',
        useV1Api,
        env: {},
      });
      providers.push(provider);
      return provider;
    };
    server.enqueue(
      { body: fixtures.json('responses-text.json') },
      { frames: fixtures.sseFrames('responses-stream-text.sse') },
    );
    await azure(false).sendCompletion(hello);
    await collect(azure(true).streamCompletion(hello));
    expect(server.requests.map((request) => request.url)).toEqual([
      '/openai/responses?api-version=2025-04-01-preview',
      '/openai/v1/responses?api-version=2025-04-01-preview',
    ]);
    expect(server.requests.map((request) => request.json<{ model: string }>().model)).toEqual([
      'prod-gpt41',
      'prod-gpt41',
    ]);
  });
});
