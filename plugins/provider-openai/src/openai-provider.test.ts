import type { ServerResponse } from 'node:http';
import {
  type CallOptions,
  type CompletionRequest,
  foldStream,
  type LLMProvider,
  type StreamChunk,
} from '@hub/core';
import {
  type ContractErrorKind,
  collectChunks as collect,
  createScriptedServer,
  describeProviderContract,
  catchConnectorError as failure,
  neverAnswers,
  type RecordedRequest,
  type ScriptedServer,
  settleWithClock,
  sseFrame,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPENAI_MODEL_CATALOG } from './openai-model-catalog.js';
import { createOpenAIProvider, type OpenAIProviderOptions } from './openai-provider.js';
import {
  completionBody,
  DONE_FRAME,
  FAKE_OPENAI_KEY,
  fixtures,
  textChunk,
  toolCallReply,
  usageChunk,
} from './test-support/chat-completions-wire.js';
import { routeEmbeddings } from './test-support/embeddings-wire.js';

const ERROR_REPLIES: Record<ContractErrorKind, { status: number; fixture: string }> = {
  authentication: { status: 401, fixture: 'error-invalid-api-key.json' },
  rate_limit: { status: 429, fixture: 'error-rate-limit.json' },
  invalid_request: { status: 400, fixture: 'error-invalid-request.json' },
  provider: { status: 500, fixture: 'error-server.json' },
};

/** Answers a completion or a stream with `pieces`, depending on what the client asked for. */
function textReply(pieces: readonly string[]) {
  return (request: RecordedRequest, response: ServerResponse): void => {
    const body = request.json<{ stream?: boolean; model: string }>();
    if (body.stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completionBody(pieces.join(''), body.model)));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const piece of pieces) response.write(textChunk(piece, null, body.model));
    response.write(textChunk('', 'stop', body.model));
    response.write(usageChunk(9, 3, body.model));
    response.end(DONE_FRAME);
  };
}

const hello: CompletionRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hello.' }],
};

// ---------------------------------------------------------------------------------------------
// The shared LLMProvider contract, against a scripted upstream speaking the wire format.

let contractServer: ScriptedServer | undefined;
describeProviderContract('openai', {
  model: 'gpt-4o-mini',
  async createProvider() {
    contractServer = await createScriptedServer();
    return createOpenAIProvider({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${contractServer.url}/v1`, env: {} });
  },
  arrangeText(pieces) {
    contractServer?.enqueue(textReply(pieces));
  },
  arrangeError(kind, options) {
    const reply = ERROR_REPLIES[kind];
    contractServer?.enqueue({
      status: reply.status,
      headers: kind === 'rate_limit' ? { 'retry-after': String(options.retryAfterSeconds) } : {},
      body: fixtures.json(reply.fixture),
    });
  },
  arrangeStall(firstPiece) {
    contractServer?.enqueue({ frames: [textChunk(firstPiece)], ending: 'hang' });
  },
  arrangeTruncation(firstPiece) {
    contractServer?.enqueue({ frames: [textChunk(firstPiece)], ending: 'end' });
  },
  upstreamClosed: () => (contractServer as ScriptedServer).nextClientAbort(),
  upstreamRequests: () => contractServer?.requests ?? [],
  requestIdHeader: 'x-client-request-id',
  arrangeSilence() {
    contractServer?.enqueue(() => {});
  },
  arrangeToolCall(name, argumentsJson) {
    const reply = toolCallReply(name, argumentsJson);
    contractServer?.enqueue((request, response) => {
      if (request.json<{ stream?: boolean }>().stream === true) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(reply.frames.join(''));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    });
  },
  arrangeStreamError(firstPiece) {
    contractServer?.enqueue({
      frames: [textChunk(firstPiece), sseFrame(fixtures.json('error-server.json'))],
      ending: 'hang',
    });
  },
  arrangeTokenCount(inputTokens) {
    contractServer?.enqueue({ body: { object: 'response.input_tokens', input_tokens: inputTokens } });
  },
  embedding: {
    model: 'text-embedding-3-small',
    batchSize: 2048,
    flexibleDimensions: true,
    arrangeEmbeddings: (answer) =>
      routeEmbeddings(contractServer as ScriptedServer, '/v1/embeddings', answer),
  },
  arrangeMalformedEvent(firstPiece) {
    contractServer?.enqueue({
      frames: [textChunk(firstPiece), 'data: {"id":"chatcmpl-1","choices":[{"delta":\n\n'],
      ending: 'hang',
    });
  },
  validConfig: { apiKey: FAKE_OPENAI_KEY },
  invalidConfig: { apiKey: '', baseUrl: 'not a url', timeoutSecs: 0 },
  secret: FAKE_OPENAI_KEY,
  async cleanup() {
    await contractServer?.close();
    contractServer = undefined;
  },
});

// ---------------------------------------------------------------------------------------------
// Wire-level behaviour: what is sent, byte for byte, and what comes back.

describe('OpenAI provider on the wire', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;
  const create = (options: OpenAIProviderOptions = {}): LLMProvider =>
    createOpenAIProvider({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/v1`, env: {}, ...options });

  beforeEach(async () => {
    server = await createScriptedServer();
    provider = create();
  });
  afterEach(async () => {
    await provider.close?.();
    await server.close();
  });

  describe('requests', () => {
    it('posts the documented body and headers to /v1/chat/completions', async () => {
      await provider.close?.();
      provider = create({ organization: 'org-abc123', project: 'proj_xyz789' });
      server.enqueue({ body: fixtures.json('chat-completion.json') });
      await provider.sendCompletion({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello', name: 'ada' },
        ],
        temperature: 0.2,
        topP: 0.9,
        maxTokens: 64,
        stop: ['\n\n'],
        seed: 7,
        user: 'user-42',
        metadata: { tenant: 'acme' },
      });
      const [sent] = server.requests;
      expect(sent?.method).toBe('POST');
      expect(sent?.url).toBe('/v1/chat/completions');
      expect(sent?.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
      expect(sent?.headers['content-type']).toBe('application/json');
      expect(sent?.headers['openai-organization']).toBe('org-abc123');
      expect(sent?.headers['openai-project']).toBe('proj_xyz789');
      expect(sent?.body).toBe(
        JSON.stringify({
          model: 'gpt-4o-mini',
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'Hello', name: 'ada' },
          ],
          temperature: 0.2,
          top_p: 0.9,
          max_tokens: 64,
          stop: ['\n\n'],
          seed: 7,
          user: 'user-42',
        }),
      );
    });

    it('sends tools, tool choice and earlier tool turns in the documented shapes', async () => {
      server.enqueue({ body: fixtures.json('chat-completion.json') });
      const parameters = {
        type: 'object',
        properties: { location: { type: 'string' } },
        required: ['location'],
      };
      await provider.sendCompletion({
        model: 'gpt-4o',
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' }],
          },
          { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: '18°C' }] },
        ],
        tools: [{ name: 'get_weather', description: 'Current weather', parameters, strict: true }],
        toolChoice: { type: 'tool', name: 'get_weather' },
      });
      const body = server.requests[0]?.json<Record<string, unknown>>();
      expect(body?.messages).toEqual([
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
      ]);
      expect(body?.tools).toEqual([
        {
          type: 'function',
          function: { name: 'get_weather', description: 'Current weather', parameters, strict: true },
        },
      ]);
      expect(body?.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
    });

    it.each([
      ['auto', 'auto'],
      ['none', 'none'],
      ['required', 'required'],
    ] as const)('sends tool choice %s as %s', async (choice, wire) => {
      server.enqueue({ body: fixtures.json('chat-completion.json') });
      await provider.sendCompletion({
        ...hello,
        tools: [{ name: 'noop', parameters: { type: 'object', properties: {} } }],
        toolChoice: choice,
      });
      expect(server.requests[0]?.json<Record<string, unknown>>().tool_choice).toBe(wire);
    });

    it('sends images as image_url parts: URLs as given, base64 as data: URLs, with detail', async () => {
      server.enqueue({ body: fixtures.json('chat-completion.json') });
      await provider.sendCompletion({
        model: 'gpt-4o',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare these.' },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' }, detail: 'low' },
              { type: 'image', source: { type: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' } },
            ],
          },
        ],
      });
      expect(server.requests[0]?.json<{ messages: unknown[] }>().messages[0]).toEqual({
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these.' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      });
    });

    it('asks for JSON mode with response_format json_object', async () => {
      server.enqueue({ body: fixtures.json('chat-completion-json-mode.json') });
      const response = await provider.sendCompletion({ ...hello, responseFormat: { type: 'json' } });
      expect(server.requests[0]?.json<Record<string, unknown>>().response_format).toEqual({
        type: 'json_object',
      });
      expect(JSON.parse(response.text)).toEqual({
        steps: [{ explanation: 'Subtract 7 from both sides.', output: '8x = -30' }],
        final_answer: 'x = -3.75',
      });
    });

    it('asks for structured outputs with response_format json_schema, strict by default', async () => {
      server.enqueue({ body: fixtures.json('chat-completion-json-mode.json') });
      const schema = {
        type: 'object',
        properties: { final_answer: { type: 'string' } },
        required: ['final_answer'],
      };
      await provider.sendCompletion({
        ...hello,
        responseFormat: {
          type: 'json_schema',
          name: 'math_reasoning',
          schema,
          description: 'A worked answer',
        },
      });
      expect(server.requests[0]?.json<Record<string, unknown>>().response_format).toEqual({
        type: 'json_schema',
        json_schema: { name: 'math_reasoning', schema, strict: true, description: 'A worked answer' },
      });
    });

    it.each(['o3', 'o4-mini', 'gpt-5-mini'])(
      'maps %s as a reasoning model: max_completion_tokens, reasoning_effort, no sampling knobs',
      async (model) => {
        server.enqueue({ body: fixtures.json('chat-completion-reasoning.json') });
        await provider.sendCompletion({
          model,
          messages: [{ role: 'user', content: 'Think.' }],
          maxTokens: 2000,
          temperature: 0.7,
          topP: 0.5,
          reasoning: { effort: 'high' },
        });
        expect(server.requests[0]?.json()).toEqual({
          model,
          messages: [{ role: 'user', content: 'Think.' }],
          max_completion_tokens: 2000,
          reasoning_effort: 'high',
        });
      },
    );

    it('keeps max_tokens and sampling knobs for non-reasoning models and drops reasoning options', async () => {
      server.enqueue({ body: fixtures.json('chat-completion.json') });
      await provider.sendCompletion({
        ...hello,
        maxTokens: 10,
        temperature: 1,
        reasoning: { effort: 'low' },
      });
      expect(server.requests[0]?.json()).toEqual({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Say hello.' }],
        temperature: 1,
        max_tokens: 10,
      });
    });

    it('merges its own providerParams last and ignores other providers’ entries', async () => {
      server.enqueue({ body: fixtures.json('chat-completion.json') });
      await provider.sendCompletion({
        ...hello,
        maxTokens: 10,
        providerParams: {
          openai: { logprobs: true, top_logprobs: 2, max_tokens: 5 },
          anthropic: { top_k: 5 },
        },
      });
      expect(server.requests[0]?.json()).toEqual({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Say hello.' }],
        max_tokens: 5,
        logprobs: true,
        top_logprobs: 2,
      });
    });

    it('forwards per-call headers and the request id', async () => {
      server.enqueue({ body: fixtures.json('chat-completion.json') });
      await provider.sendCompletion(hello, { headers: { 'x-trace': 'abc' }, requestId: 'req-123' });
      expect(server.requests[0]?.headers['x-trace']).toBe('abc');
      expect(server.requests[0]?.headers['x-client-request-id']).toBe('req-123');
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
    });
  });

  describe('responses', () => {
    it('maps a chat.completion body: text, finish reason, usage, id, model and rate limits', async () => {
      server.enqueue({
        body: fixtures.json('chat-completion.json'),
        headers: {
          'x-ratelimit-limit-requests': '60',
          'x-ratelimit-remaining-requests': '59',
          'x-ratelimit-remaining-tokens': '149984',
          'x-ratelimit-reset-requests': '1s',
          'x-ratelimit-reset-tokens': '6m0s',
        },
      });
      const response = await provider.sendCompletion(hello);
      expect(response).toEqual({
        id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
        provider: 'openai',
        model: 'gpt-4o-mini-2024-07-18',
        text: 'Hello! How can I assist you today?',
        content: [{ type: 'text', text: 'Hello! How can I assist you today?' }],
        finishReason: 'stop',
        usage: {
          inputTokens: 19,
          outputTokens: 10,
          totalTokens: 29,
          cachedInputTokens: 0,
          reasoningTokens: 0,
        },
        rateLimit: {
          remainingRequests: 59,
          remainingTokens: 149984,
          requestsResetMs: 1000,
          tokensResetMs: 360000,
        },
      });
    });

    it('maps tool calls to tool-call content parts', async () => {
      server.enqueue({ body: fixtures.json('chat-completion-tool-calls.json') });
      const response = await provider.sendCompletion(hello);
      expect(response.finishReason).toBe('tool_calls');
      expect(response.text).toBe('');
      expect(response.content).toEqual([
        {
          type: 'tool-call',
          id: 'call_abc123',
          name: 'get_current_weather',
          arguments: '{\n"location": "Boston, MA"\n}',
        },
        {
          type: 'tool-call',
          id: 'call_def456',
          name: 'get_current_weather',
          arguments: '{"location": "Paris, France"}',
        },
      ]);
    });

    it('reports a refusal, finishing as content_filter when there is no text', async () => {
      server.enqueue({ body: fixtures.json('chat-completion-refusal.json') });
      const response = await provider.sendCompletion(hello);
      expect(response.refusal).toBe("I'm sorry, I cannot assist with that request.");
      expect(response.finishReason).toBe('content_filter');
      expect(response.text).toBe('');
    });

    it('reports cached prompt tokens and reasoning tokens', async () => {
      server.enqueue({ body: fixtures.json('chat-completion-reasoning.json') });
      const response = await provider.sendCompletion({ ...hello, model: 'o3-mini' });
      expect(response.usage).toEqual({
        inputTokens: 2006,
        outputTokens: 300,
        totalTokens: 2306,
        cachedInputTokens: 1920,
        reasoningTokens: 192,
      });
    });

    it('rejects a body without choices as parse', async () => {
      server.enqueue({ body: { id: 'x', object: 'chat.completion', choices: [] } });
      expect((await failure(provider.sendCompletion(hello))).code).toBe('parse');
    });

    it('rejects a non-JSON 200 body as parse', async () => {
      server.enqueue({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"id": "chatcmpl-',
      });
      expect((await failure(provider.sendCompletion(hello))).code).toBe('parse');
    });
  });

  describe('streams', () => {
    it('sends stream: true with stream_options.include_usage', async () => {
      server.enqueue({ frames: fixtures.sseFrames('stream-text.sse') });
      await collect(provider.streamCompletion(hello));
      expect(server.requests[0]?.json()).toEqual({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Say hello.' }],
        stream: true,
        stream_options: { include_usage: true },
      });
    });

    it('sends nothing until iteration starts', async () => {
      server.enqueue({ frames: fixtures.sseFrames('stream-text.sse') });
      const stream = provider.streamCompletion(hello);
      await new Promise((resolve) => setImmediate(resolve));
      expect(server.requests).toHaveLength(0);
      await collect(stream);
      expect(server.requests).toHaveLength(1);
    });

    it('decodes the documented chunk stream: text deltas, then finish with the include_usage usage', async () => {
      server.enqueue({
        frames: fixtures.sseFrames('stream-text.sse'),
        headers: { 'x-ratelimit-remaining-requests': '12', 'x-ratelimit-reset-requests': '120ms' },
      });
      const chunks = await collect(provider.streamCompletion(hello));
      expect(chunks).toEqual([
        { type: 'text-delta', text: 'Hello' },
        { type: 'text-delta', text: ' there' },
        { type: 'text-delta', text: '!' },
        {
          type: 'finish',
          finishReason: 'stop',
          usage: {
            inputTokens: 9,
            outputTokens: 3,
            totalTokens: 12,
            cachedInputTokens: 0,
            reasoningTokens: 0,
          },
          responseId: 'chatcmpl-123',
          model: 'gpt-4o-mini-2024-07-18',
          rateLimit: { remainingRequests: 12, requestsResetMs: 120 },
        },
      ]);
    });

    it('re-assembles tool-call fragments split across chunks and across TCP writes', async () => {
      const bytes = Buffer.from(fixtures.text('stream-tool-calls.sse'), 'utf8');
      const pieces: Uint8Array[] = [];
      // 7-byte writes split events, JSON strings and the UTF-8 stream at arbitrary points
      for (let offset = 0; offset < bytes.length; offset += 7)
        pieces.push(bytes.subarray(offset, offset + 7));
      server.enqueue({ frames: pieces });
      const chunks = await collect(provider.streamCompletion(hello));
      expect(chunks.filter((chunk) => chunk.type === 'tool-call-delta')).toHaveLength(9);
      const folded = await foldStream(
        (async function* () {
          yield* chunks;
        })(),
        { provider: 'openai', model: 'gpt-4o' },
      );
      expect(folded.finishReason).toBe('tool_calls');
      expect(folded.content).toEqual([
        {
          type: 'tool-call',
          id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA',
          name: 'get_weather',
          arguments: '{"location":"Paris, France"}',
        },
        {
          type: 'tool-call',
          id: 'call_9XvVq3Lk2bN8mR4tW7yZ1aC5',
          name: 'get_weather',
          arguments: '{"location":"Tokyo"}',
        },
      ]);
      expect(folded.usage).toEqual({
        inputTokens: 80,
        outputTokens: 42,
        totalTokens: 122,
        cachedInputTokens: 64,
        reasoningTokens: 0,
      });
    });

    it('streams a reasoning model with max_completion_tokens and reports reasoning tokens', async () => {
      server.enqueue({ frames: fixtures.sseFrames('stream-reasoning.sse') });
      const chunks = await collect(
        provider.streamCompletion({
          ...hello,
          model: 'o4-mini',
          maxTokens: 500,
          reasoning: { effort: 'low' },
        }),
      );
      const body = server.requests[0]?.json<Record<string, unknown>>();
      expect(body?.max_completion_tokens).toBe(500);
      expect(body?.reasoning_effort).toBe('low');
      expect(body?.max_tokens).toBeUndefined();
      expect(chunks.at(-1)).toMatchObject({
        type: 'finish',
        usage: { cachedInputTokens: 1920, reasoningTokens: 192 },
      });
    });

    it('finishes a streamed refusal as content_filter with the refusal text', async () => {
      server.enqueue({ frames: fixtures.sseFrames('stream-refusal.sse') });
      const chunks = await collect(provider.streamCompletion(hello));
      expect(chunks).toEqual([
        {
          type: 'finish',
          finishReason: 'content_filter',
          responseId: 'chatcmpl-Refuse',
          model: 'gpt-4o-2024-08-06',
          refusal: "I'm sorry, I cannot assist with that request.",
        },
      ]);
    });

    it('throws stream when the body ends without [DONE], after the chunks it did get', async () => {
      const frames = fixtures.sseFrames('stream-text.sse').slice(0, -1);
      server.enqueue({ frames });
      const seen: StreamChunk[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of provider.streamCompletion(hello)) seen.push(chunk);
        })(),
      );
      expect(error.code).toBe('stream');
      expect(error.retryable).toBe(true);
      expect(seen.map((chunk) => chunk.type)).toEqual(['text-delta', 'text-delta', 'text-delta']);
    });

    it('throws stream when the connection breaks mid-stream', async () => {
      server.enqueue({ frames: [textChunk('Hel')], ending: 'destroy' });
      const error = await failure(collect(provider.streamCompletion(hello)));
      expect(error.code).toBe('stream');
      expect(error.providerId).toBe('openai');
      // each layer says its part once: no provider prefix, no wrapper repeated inside the cause's text
      expect(error.message).toMatch(/^The stream broke off: The connection to the provider failed/);
      expect(error.message).not.toMatch(/openai:/i);
      expect(error.message.match(/stream broke off/gi)).toHaveLength(1);
    });

    it('throws parse for a malformed chunk and closes the connection', async () => {
      server.enqueue({
        frames: [textChunk('Hel'), 'data: {"id":"chatcmpl-1","choices":[{"delta":\n\n'],
        ending: 'hang',
      });
      const closed = server.nextClientAbort();
      const error = await failure(collect(provider.streamCompletion(hello)));
      expect(error.code).toBe('parse');
      expect(error.retryable).toBe(false);
      await closed;
    });

    it('maps an error event inside the stream', async () => {
      server.enqueue({
        frames: [textChunk('Hel'), sseFrame(fixtures.json('error-server.json'))],
        ending: 'hang',
      });
      const error = await failure(collect(provider.streamCompletion(hello)));
      expect(error.code).toBe('provider');
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('The server had an error while processing your request');
    });

    it('fails a stream request with the mapped error before any chunk', async () => {
      server.enqueue({
        status: 429,
        headers: { 'retry-after-ms': '250' },
        body: fixtures.json('error-rate-limit.json'),
      });
      const error = await failure(collect(provider.streamCompletion(hello)));
      expect(error.code).toBe('rate_limit');
      expect(error.retryAfterMs).toBe(250);
      expect(error.providerCode).toBe('rate_limit_exceeded');
    });

    it('closes the connection when aborted mid-stream; the server sees the client go', async () => {
      server.enqueue({ frames: [textChunk('Hel'), textChunk('lo')], ending: 'hang' });
      const closed = server.nextClientAbort();
      const controller = new AbortController();
      const seen: StreamChunk[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of provider.streamCompletion(hello, { signal: controller.signal })) {
            seen.push(chunk);
            if (seen.length === 2) controller.abort();
          }
        })(),
      );
      expect(error.code).toBe('cancelled');
      await closed;
      expect(server.clientAborts).toBe(1);
    });

    it('reuses the connection after a complete stream (the body is read to its end)', async () => {
      const ports: Array<number | undefined> = [];
      const reply = (_request: RecordedRequest, response: ServerResponse): void => {
        ports.push(response.socket?.remotePort);
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(fixtures.text('stream-text.sse'));
      };
      server.enqueue(reply, reply);
      await collect(provider.streamCompletion(hello));
      // undici frees a connection a tick after its body ended
      await new Promise((resolve) => setImmediate(resolve));
      await collect(provider.streamCompletion(hello));
      expect(ports).toHaveLength(2);
      expect(ports[1]).toBe(ports[0]);
      expect(server.clientAborts).toBe(0);
    });
  });

  describe('errors', () => {
    const cases: Array<[string, number, string, Record<string, string>, string, boolean]> = [
      ['invalid key', 401, 'error-invalid-api-key.json', {}, 'authentication', false],
      // OpenAI's 403 is "Country, region, or territory not supported": a permission, not a bad key
      ['forbidden', 403, 'error-invalid-request.json', {}, 'permission', false],
      ['quota', 429, 'error-insufficient-quota.json', {}, 'quota_exceeded', false],
      ['rate limit', 429, 'error-rate-limit.json', { 'retry-after': '20' }, 'rate_limit', true],
      ['context length', 400, 'error-context-length.json', {}, 'context_length_exceeded', false],
      ['bad parameter', 400, 'error-invalid-request.json', {}, 'invalid_request', false],
      ['unknown model', 404, 'error-model-not-found.json', {}, 'not_found', false],
      ['request timeout', 408, 'error-server.json', {}, 'timeout', true],
      ['conflict', 409, 'error-server.json', {}, 'provider', true],
      ['server error', 500, 'error-server.json', {}, 'provider', true],
      // OpenAI documents 503 as "engine overloaded" and "slow down"
      ['unavailable', 503, 'error-server.json', {}, 'overloaded', true],
    ];
    it.each(cases)(
      'maps %s (HTTP %i) to its code',
      async (_name, status, fixture, headers, code, retryable) => {
        server.enqueue({ status, headers, body: fixtures.json(fixture) });
        const error = await failure(provider.sendCompletion(hello));
        expect(error.code).toBe(code);
        expect(error.retryable).toBe(retryable);
        expect(error.status).toBe(status);
        expect(error.providerId).toBe('openai');
        expect(error.message).toMatch(new RegExp(`^HTTP ${status}: `));
      },
    );

    it('names the offending parameter of an invalid request', async () => {
      server.enqueue({ status: 400, body: fixtures.json('error-invalid-request.json') });
      const error = await failure(provider.sendCompletion(hello));
      expect(error.field).toBe('temperature');
      expect(error.providerCode).toBe('invalid_value');
    });

    it.each([
      [{ 'retry-after': '20' }, 20_000],
      [{ 'retry-after': '1.5' }, 1500],
      [{ 'retry-after-ms': '750', 'retry-after': '20' }, 750],
      [
        {
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': '6m0s',
          'x-ratelimit-reset-tokens': '1s',
        },
        360_000,
      ],
      [
        {
          'x-ratelimit-remaining-tokens': '0',
          'x-ratelimit-reset-requests': '1s',
          'x-ratelimit-reset-tokens': '20ms',
        },
        20,
      ],
      [{ 'x-ratelimit-reset-requests': '2s', 'x-ratelimit-reset-tokens': '1.5s' }, 2000],
    ] as const)('reads how long to wait from %j', async (headers, expected) => {
      server.enqueue({ status: 429, headers, body: fixtures.json('error-rate-limit.json') });
      const error = await failure(provider.sendCompletion(hello));
      expect(error.code).toBe('rate_limit');
      expect(error.retryAfterMs).toBe(expected);
    });

    it('maps a non-JSON gateway page to a retryable provider error', async () => {
      server.enqueue({
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html>Bad Gateway</html>',
      });
      const error = await failure(provider.sendCompletion(hello));
      expect(error.code).toBe('provider');
      expect(error.retryable).toBe(true);
      expect(error.message).toBe('HTTP 502: Bad Gateway');
    });

    it('never puts the API key in an error, even when the upstream echoes it', async () => {
      server.enqueue(
        {
          status: 401,
          body: {
            error: {
              message: `Incorrect API key provided: ${FAKE_OPENAI_KEY}.`,
              type: 'invalid_request_error',
              code: 'invalid_api_key',
            },
          },
        },
        { status: 401, body: fixtures.json('error-invalid-api-key.json') },
        {
          status: 400,
          body: { error: { message: `bad header Bearer ${FAKE_OPENAI_KEY}`, code: FAKE_OPENAI_KEY } },
        },
      );
      for (let attempt = 0; attempt < 3; attempt++) {
        const error = await failure(provider.sendCompletion(hello));
        const printed = `${error.message} ${JSON.stringify(error.toJSON())} ${String(error.stack)}`;
        expect(printed).not.toContain(FAKE_OPENAI_KEY);
        expect(printed).not.toContain(FAKE_OPENAI_KEY.slice(8, 40));
        expect(printed).not.toContain('Q1xA');
      }
    });

    it('rejects with cancelled when the signal aborts while waiting for the answer', async () => {
      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      const controller = new AbortController();
      const closed = server.nextClientAbort();
      const pending = failure(provider.sendCompletion(hello, { signal: controller.signal }));
      // aborted once the upstream holds the request, so the upstream can see the client leave
      await upstream.arrived;
      controller.abort();
      expect((await pending).code).toBe('cancelled');
      await closed;
    });

    it('reports a refused connection as network', async () => {
      const address = server.url;
      await server.close();
      const offline = createOpenAIProvider({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${address}/v1`, env: {} });
      const error = await failure(offline.sendCompletion(hello));
      expect(error.code).toBe('network');
      await offline.close?.();
      server = await createScriptedServer();
    });
  });

  // Deadlines run on fake timers that move only once the exchange reached the phase under test
  // (the server saw the request, the client read the last event sent), so the machine's load
  // never decides which limit fires. Sockets stay real: the upstream must see the connection close.
  describe('deadlines', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    // a stream that sent its first text and then went quiet, read up to that point with the clock
    // standing still; `pending` is the next pull, which only a deadline can end
    async function stalledAfterText(
      options: CallOptions,
    ): Promise<{ pending: Promise<IteratorResult<StreamChunk>> }> {
      server.enqueue({ frames: [textChunk('Hel')], ending: 'hang' });
      const iterator = provider.streamCompletion(hello, options)[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toEqual({ type: 'text-delta', text: 'Hel' });
      return { pending: iterator.next() };
    }

    it('times out a stream that stalls longer than idleTimeoutMs between events, and closes it', async () => {
      const closed = server.nextClientAbort();
      const error = await settleWithClock(
        failure((await stalledAfterText({ idleTimeoutMs: 60 })).pending),
        60,
      );
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(/stalled for more than 60 ms/i);
      await closed;
    });

    it('ends a stream mid-way with timeout when the whole call outlasts timeoutMs', async () => {
      const closed = server.nextClientAbort();
      const error = await settleWithClock(failure((await stalledAfterText({ timeoutMs: 500 })).pending), 50);
      expect(error.message).toMatch(/did not complete within 500 ms/i);
      await closed;
    });

    it('applies timeoutMs, firstByteTimeoutMs and idleTimeoutMs from the config', async () => {
      await provider.close?.();
      provider = create({ timeoutMs: 5000, firstByteTimeoutMs: 300, idleTimeoutMs: 200 });
      let closed = server.nextClientAbort();
      const idle = await settleWithClock(failure((await stalledAfterText({})).pending), 10);
      expect(idle.message).toMatch(/stalled for more than 200 ms/i);
      await closed;

      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      closed = server.nextClientAbort();
      const firstByte = failure(provider.sendCompletion(hello));
      await upstream.arrived;
      vi.advanceTimersByTime(300);
      expect((await firstByte).message).toMatch(/response headers within 300 ms/i);
      await closed;

      closed = server.nextClientAbort();
      const whole = await settleWithClock(
        failure((await stalledAfterText({ idleTimeoutMs: 0 })).pending),
        500,
      );
      expect(whole.message).toMatch(/did not complete within 5000 ms/i);
      await closed;
    });

    it('rejects with timeout when the whole call exceeds timeoutMs, and closes the connection', async () => {
      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      const closed = server.nextClientAbort();
      const error = failure(provider.sendCompletion(hello, { timeoutMs: 50 }));
      await upstream.arrived;
      vi.advanceTimersByTime(50);
      expect(await error).toMatchObject({ code: 'timeout', retryable: true });
      await closed;
    });

    it('applies timeoutSecs as the default first-byte and idle limit', async () => {
      await provider.close?.();
      provider = create({ timeoutSecs: 0.1 });
      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      const closed = server.nextClientAbort();
      const error = failure(provider.sendCompletion(hello));
      await upstream.arrived;
      vi.advanceTimersByTime(100);
      expect(await error).toMatchObject({ code: 'timeout' });
      expect((await error).message).toMatch(/response headers within 100 ms/i);
      await closed;
      const idleClosed = server.nextClientAbort();
      const idle = await settleWithClock(failure((await stalledAfterText({})).pending), 10);
      expect(idle.message).toMatch(/stalled for more than 100 ms/i);
      await idleClosed;
    });
  });

  describe('retries', () => {
    it('makes exactly one request per call: retrying is the retry middleware’s job', async () => {
      server.enqueue(
        { status: 503, headers: { 'retry-after-ms': '10' }, body: fixtures.json('error-server.json') },
        { body: fixtures.json('chat-completion.json') },
      );
      const error = await failure(provider.sendCompletion(hello));
      expect(error).toMatchObject({ code: 'overloaded', retryable: true, retryAfterMs: 10 });
      expect(server.requests).toHaveLength(1);
    });

    it('refuses the removed maxRetries option, saying where retries went', () => {
      const options = { apiKey: FAKE_OPENAI_KEY, env: {}, maxRetries: 2 } as unknown as OpenAIProviderOptions;
      expect(() => createOpenAIProvider(options)).toThrow(
        expect.objectContaining({
          issues: [
            expect.objectContaining({
              path: 'maxRetries',
              message: expect.stringContaining('@hub/middleware-retry'),
            }),
          ],
        }),
      );
    });
  });

  describe('metadata', () => {
    it('merges the catalog with GET /v1/models: chat and embedding models, no audio or image ones', async () => {
      server.enqueue({ body: fixtures.json('models-list.json') });
      const metadata = await provider.getMetadata();
      expect(server.requests[0]?.method).toBe('GET');
      expect(server.requests[0]?.url).toBe('/v1/models');
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
      const ids = metadata.models.map((model) => model.id);
      for (const listed of ['gpt-4o-mini', 'gpt-5-nano', 'gpt-4o-2024-11-20', 'text-embedding-3-small'])
        expect(ids).toContain(listed);
      expect(ids).toContain('ft:gpt-4o-mini-2024-07-18:acme::9xYz1234');
      for (const excluded of ['whisper-1', 'tts-1', 'dall-e-3']) expect(ids).not.toContain(excluded);
      // a dated snapshot takes its family's limits and capabilities, but no price (it may differ)
      const snapshot = metadata.models.find((model) => model.id === 'gpt-4o-2024-11-20');
      const family = OPENAI_MODEL_CATALOG.find((model) => model.id === 'gpt-4o');
      expect(snapshot).toEqual({
        id: 'gpt-4o-2024-11-20',
        contextWindow: family?.contextWindow,
        maxOutputTokens: family?.maxOutputTokens,
        capabilities: family?.capabilities,
      });
      expect(metadata.models.find((model) => model.id === 'gpt-4o-mini')?.pricing).toEqual({
        inputPer1k: 0.00015,
        cachedInputPer1k: 0.000075,
        outputPer1k: 0.0006,
      });
      expect(metadata.providerId).toBe('openai');
      expect(metadata.displayName).toBe('OpenAI');
    });

    it('reads the model list once for concurrent callers (the kit’s metadata cache)', async () => {
      server.enqueue({ body: fixtures.json('models-list.json'), delayMs: 30 });
      const [first, second] = await Promise.all([provider.getMetadata(), provider.getMetadata()]);
      const third = await provider.getMetadata();
      expect(server.requests).toHaveLength(1);
      expect(second).toBe(first);
      expect(third).toBe(first);
    });

    it('falls back to the built-in catalog when the model list fails', async () => {
      server.enqueue({ status: 500, body: fixtures.json('error-server.json') });
      const metadata = await provider.getMetadata();
      expect(metadata.models).toEqual(OPENAI_MODEL_CATALOG);
      expect(
        metadata.models.filter((model) => model.capabilities.reasoning).map((model) => model.id),
      ).toEqual(expect.arrayContaining(['o3', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano']));
    });
  });

  describe('probe', () => {
    it('resolves when GET /v1/models answers', async () => {
      server.enqueue({ body: fixtures.json('models-list.json') });
      await expect(provider.probe({})).resolves.toBeUndefined();
      expect(server.requests[0]?.url).toBe('/v1/models');
    });

    it('rejects with the classified error, without the key, even when the upstream echoes it', async () => {
      server.enqueue(
        { status: 429, headers: { 'retry-after': '3' }, body: fixtures.json('error-rate-limit.json') },
        { status: 401, body: { error: { message: `Incorrect API key provided: ${FAKE_OPENAI_KEY}` } } },
      );
      expect(await failure(provider.probe({}))).toMatchObject({ code: 'rate_limit', retryAfterMs: 3000 });
      const unauthorized = await failure(provider.probe({}));
      expect(unauthorized.code).toBe('authentication');
      expect(`${unauthorized.message} ${JSON.stringify(unauthorized.toJSON())}`).not.toContain(
        FAKE_OPENAI_KEY,
      );
    });

    it('honours the signal the hub gives it', async () => {
      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      const controller = new AbortController();
      const pending = failure(provider.probe({ signal: controller.signal }));
      await upstream.arrived;
      controller.abort();
      expect((await pending).code).toBe('cancelled');
    });
  });
});
