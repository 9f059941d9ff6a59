import {
  type CallOptions,
  type CompletionRequest,
  foldStream,
  type LLMProvider,
  type Message,
  type StreamChunk,
} from '@hub/core';
import {
  createScriptedServer,
  describeProviderContract,
  collectChunks as drain,
  catchConnectorError as failure,
  neverAnswers,
  type ScriptedServer,
  settleWithClock,
  sseFrame,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoogleProvider } from './create-google-provider.js';
import type { GeminiRequest } from './gemini-wire-types.js';
import type { GoogleOptions } from './google-config.js';
import { fixtures } from './test-support/fixtures.js';
import { geminiContractHooks } from './test-support/gemini-contract-harness.js';
import { errorReply, rateLimitReply, textResponse } from './test-support/gemini-replies.js';

const API_KEY = 'AIzaSyD-test-key-0123456789abcdefghijklm';

let contractServer: ScriptedServer | undefined;
describeProviderContract('google', {
  ...geminiContractHooks({
    server: () => contractServer as ScriptedServer,
    embeddingPath: '/v1beta/models/gemini-embedding-001:',
    embeddingModel: 'gemini-embedding-001',
    embeddingBatchSize: 100,
  }),
  async createProvider() {
    contractServer = await createScriptedServer();
    return createGoogleProvider({ apiKey: API_KEY, baseUrl: `${contractServer.url}/v1beta` }, {});
  },
  model: 'gemini-2.5-flash',
  arrangeError(kind, { retryAfterSeconds }) {
    const replies = {
      authentication: errorReply('apiKeyInvalid'),
      rate_limit: rateLimitReply(retryAfterSeconds),
      invalid_request: errorReply('invalidArgument'),
      provider: errorReply('internal'),
    };
    contractServer?.enqueue(replies[kind]);
  },
  validConfig: { apiKey: 'a-key' },
  invalidConfig: { apiKey: '', baseUrl: 'ftp://example.com' },
  secret: API_KEY,
  async cleanup() {
    await contractServer?.close();
    contractServer = undefined;
  },
});

describe('google provider on the wire', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;
  const ask = (overrides: Partial<CompletionRequest> = {}): CompletionRequest => ({
    model: 'gemini-2.5-flash',
    messages: [{ role: 'user', content: 'Say hello.' }],
    ...overrides,
  });

  beforeEach(async () => {
    server = await createScriptedServer();
    provider = createGoogleProvider({ apiKey: API_KEY, baseUrl: `${server.url}/v1beta` }, {});
  });

  afterEach(async () => {
    await provider.close?.();
    await server.close();
  });

  it('posts generateContent with the key in x-goog-api-key, never in the URL', async () => {
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    const response = await provider.sendCompletion(
      ask({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Say hello.' },
        ],
        temperature: 0.2,
        topP: 0.9,
        maxTokens: 100,
        stop: ['END'],
        seed: 7,
      }),
    );
    const sent = server.requests[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent?.headers['x-goog-api-key']).toBe(API_KEY);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.url).not.toContain('key=');
    expect(sent?.json()).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Say hello.' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: {
        temperature: 0.2,
        topP: 0.9,
        maxOutputTokens: 100,
        stopSequences: ['END'],
        seed: 7,
      },
    });
    expect(response).toMatchObject({
      id: 'mAitaLmkHPPlz7IPvtfUqQ4',
      provider: 'google',
      model: 'gemini-2.5-flash',
      text: 'Hello there!',
      content: [{ type: 'text', text: 'Hello there!' }],
      finishReason: 'stop',
      // thinking tokens count as output: 3 candidates + 18 thoughts
      usage: { inputTokens: 4, outputTokens: 21, totalTokens: 25, reasoningTokens: 18 },
    });
    expect(response.raw).toEqual(fixtures.json('generate-content-text.json'));
  });

  it('streams from streamGenerateContent?alt=sse and folds to the same answer', async () => {
    server.enqueue({ frames: fixtures.sseFrames('stream-text.sse') });
    const chunks = await drain(provider.streamCompletion(ask()));
    expect(server.requests[0]?.url).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(server.requests[0]?.headers['x-goog-api-key']).toBe(API_KEY);
    expect(chunks).toEqual([
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ' there' },
      { type: 'text-delta', text: '!' },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 4, outputTokens: 3, totalTokens: 7 },
        model: 'gemini-2.5-flash',
        responseId: 'stream-text-1',
      },
    ]);
  });

  it('maps a function call: generated id, arguments as JSON text, finish tool_calls, signature kept', async () => {
    server.enqueue({ body: fixtures.json('generate-content-function-call.json') });
    const response = await provider.sendCompletion(
      ask({
        tools: [
          {
            name: 'get_weather',
            description: 'Current weather',
            parameters: {
              type: 'object',
              properties: {
                location: { type: 'string' },
                unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
              },
              required: ['location'],
              additionalProperties: false,
            },
          },
        ],
        toolChoice: 'required',
      }),
    );
    const body = server.requests[0]?.json<GeminiRequest>();
    expect(body?.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Current weather',
            parametersJsonSchema: {
              type: 'object',
              properties: {
                location: { type: 'string' },
                unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
              },
              required: ['location'],
              additionalProperties: false,
            },
          },
        ],
      },
    ]);
    expect(body?.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(response.finishReason).toBe('tool_calls');
    const call = response.content.find((part) => part.type === 'tool-call');
    expect(call).toMatchObject({ type: 'tool-call', name: 'get_weather' });
    expect(call?.type === 'tool-call' && call.id).toMatch(/^call_[0-9a-f]{16}$/);
    expect(call?.type === 'tool-call' && JSON.parse(call.arguments)).toEqual({
      location: 'Paris',
      unit: 'celsius',
    });
    // the functionCall's thoughtSignature travels on the tool call itself, not in a reasoning part
    expect(call?.type === 'tool-call' && call.signature).toBe(
      'CiQB0e2Kb8mT1fjZ6a0ZqE0zT1nq7mC6Yw0cVzH8p0qgk5cK3vEKXwHR7Ypb',
    );
    expect(response.content).toHaveLength(1);
    expect(response.usage).toEqual({
      inputTokens: 61,
      outputTokens: 81,
      totalTokens: 142,
      reasoningTokens: 63,
    });
  });

  it('round-trips a tool result: functionCall with its thoughtSignature, then functionResponse by name', async () => {
    server.enqueue({ body: fixtures.json('generate-content-function-call.json') });
    const first = await provider.sendCompletion(ask());
    const call = first.content.find((part) => part.type === 'tool-call');
    if (call?.type !== 'tool-call') throw new Error('expected a tool call');
    const history: Message[] = [
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: first.content.filter((part) => part.type === 'text' || part.type === 'reasoning'),
        toolCalls: [
          {
            id: call.id,
            name: call.name,
            arguments: call.arguments,
            ...(call.signature !== undefined && { signature: call.signature }),
          },
        ],
      },
      { role: 'tool', toolCallId: call.id, content: '{"temperature": 21, "sky": "clear"}' },
    ];
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    await provider.sendCompletion(ask({ messages: history }));
    expect(server.requests[1]?.json<GeminiRequest>().contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
      {
        role: 'model',
        parts: [
          {
            functionCall: { name: 'get_weather', args: { location: 'Paris', unit: 'celsius' } },
            thoughtSignature: 'CiQB0e2Kb8mT1fjZ6a0ZqE0zT1nq7mC6Yw0cVzH8p0qgk5cK3vEKXwHR7Ypb',
          },
        ],
      },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'get_weather', response: { temperature: 21, sky: 'clear' } } }],
      },
    ]);
  });

  it('sends parallel tool results in one user turn, with Gemini-assigned ids echoed back', async () => {
    server.enqueue({ body: fixtures.json('generate-content-parallel-calls.json') });
    const first = await provider.sendCompletion(ask({ model: 'gemini-2.5-pro' }));
    const calls = first.content.flatMap((part) => (part.type === 'tool-call' ? [part] : []));
    expect(calls.map((call) => call.id)).toEqual(['fc_paris_1', 'fc_london_2']);
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    await provider.sendCompletion(
      ask({
        model: 'gemini-2.5-pro',
        messages: [
          { role: 'user', content: 'Weather in Paris and London?' },
          {
            role: 'assistant',
            content: first.content.filter((part) => part.type !== 'tool-call') as Extract<
              Message,
              { role: 'assistant' }
            >['content'],
            toolCalls: calls.map(({ id, name, arguments: args, signature }) => ({
              id,
              name,
              arguments: args,
              ...(signature !== undefined && { signature }),
            })),
          },
          { role: 'tool', toolCallId: 'fc_paris_1', content: 'Sunny, 24 °C' },
          { role: 'tool', toolCallId: 'fc_london_2', content: '18', isError: false },
        ],
      }),
    );
    const contents = server.requests[1]?.json<GeminiRequest>().contents;
    expect(contents?.[1]).toEqual({
      role: 'model',
      parts: [
        {
          functionCall: { name: 'get_weather', args: { location: 'Paris' }, id: 'fc_paris_1' },
          thoughtSignature: 'EpQCCpECAdHtim9sigOfParallelFirst',
        },
        { functionCall: { name: 'get_weather', args: { location: 'London' }, id: 'fc_london_2' } },
      ],
    });
    expect(contents?.[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { result: 'Sunny, 24 °C' }, id: 'fc_paris_1' } },
        { functionResponse: { name: 'get_weather', response: { result: 18 }, id: 'fc_london_2' } },
      ],
    });
  });

  it('streams function calls whole, each as one tool-call-delta with full arguments', async () => {
    server.enqueue({ frames: fixtures.sseFrames('stream-function-call.sse') });
    const chunks = await drain(provider.streamCompletion(ask()));
    const calls = chunks.filter((chunk) => chunk.type === 'tool-call-delta');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      index: 0,
      name: 'get_weather',
      argumentsDelta: '{"location":"Paris"}',
      signature: 'CiQB0e2Kb8StreamSignatureParis',
    });
    expect(calls[1]).toMatchObject({
      index: 1,
      name: 'get_time',
      argumentsDelta: '{"timezone":"Europe/Paris"}',
    });
    expect(calls[1]).not.toHaveProperty('signature');
    expect(chunks.filter((chunk) => chunk.type === 'reasoning-delta')).toEqual([
      { type: 'reasoning-delta', text: '**Planning the call**\n\nI should look up the weather first.' },
    ]);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' });
    const folded = await foldStream(
      (async function* () {
        yield* chunks;
      })(),
      { provider: 'google', model: 'gemini-2.5-flash' },
    );
    expect(folded.content.map((part) => part.type)).toEqual(['reasoning', 'tool-call', 'tool-call']);
    // replaying the folded answer puts the signature back on the first call only
    const firstCall = folded.content.find((part) => part.type === 'tool-call');
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    await provider.sendCompletion(
      ask({
        messages: [
          { role: 'user', content: 'Weather and time in Paris?' },
          {
            role: 'assistant',
            content: folded.content.filter((part) => part.type === 'reasoning') as Extract<
              Message,
              { role: 'assistant' }
            >['content'],
            toolCalls: folded.content.flatMap((part) =>
              part.type === 'tool-call'
                ? [
                    {
                      id: part.id,
                      name: part.name,
                      arguments: part.arguments,
                      ...(part.signature !== undefined && { signature: part.signature }),
                    },
                  ]
                : [],
            ),
          },
          { role: 'tool', toolCallId: firstCall?.type === 'tool-call' ? firstCall.id : '', content: 'rain' },
        ],
      }),
    );
    const model = server.requests[1]?.json<GeminiRequest>().contents[1];
    expect(model?.parts).toEqual([
      { text: '**Planning the call**\n\nI should look up the weather first.', thought: true },
      {
        functionCall: { name: 'get_weather', args: { location: 'Paris' } },
        thoughtSignature: 'CiQB0e2Kb8StreamSignatureParis',
      },
      { functionCall: { name: 'get_time', args: { timezone: 'Europe/Paris' } } },
    ]);
  });

  it('asks for thoughts and round-trips thought parts and the text signature', async () => {
    server.enqueue({ body: fixtures.json('generate-content-thinking.json') });
    const response = await provider.sendCompletion(
      ask({ model: 'gemini-2.5-pro', reasoning: { effort: 'high' } }),
    );
    expect(server.requests[0]?.json<GeminiRequest>().generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 32_768, includeThoughts: true },
    });
    expect(response.content).toEqual([
      {
        type: 'reasoning',
        text: "**Weighing the razor**\n\nThe user wants Occam's razor explained with an everyday example.",
      },
      { type: 'text', text: "Occam's razor says the simplest explanation is usually the right one." },
      { type: 'reasoning', text: '', signature: 'CikB0e2Kb7zkpgRyJXXNt6ykO/+FAMcNTextSignature' },
    ]);
    expect(response.text).toBe("Occam's razor says the simplest explanation is usually the right one.");
    expect(response.usage).toEqual({
      inputTokens: 12,
      outputTokens: 315,
      totalTokens: 327,
      cachedInputTokens: 8,
      reasoningTokens: 300,
    });

    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    await provider.sendCompletion(
      ask({
        model: 'gemini-2.5-pro',
        messages: [
          { role: 'user', content: "Explain Occam's razor." },
          {
            role: 'assistant',
            content: response.content.filter((part) => part.type !== 'tool-call') as Extract<
              Message,
              { role: 'assistant' }
            >['content'],
          },
          { role: 'user', content: 'Another example?' },
        ],
      }),
    );
    expect(server.requests[1]?.json<GeminiRequest>().contents[1]).toEqual({
      role: 'model',
      parts: [
        {
          text: "**Weighing the razor**\n\nThe user wants Occam's razor explained with an everyday example.",
          thought: true,
        },
        {
          text: "Occam's razor says the simplest explanation is usually the right one.",
          thoughtSignature: 'CikB0e2Kb7zkpgRyJXXNt6ykO/+FAMcNTextSignature',
        },
      ],
    });
  });

  it('streams reasoning deltas and a signature that folds after the text it came with', async () => {
    server.enqueue({ frames: fixtures.sseFrames('stream-thinking.sse') });
    const chunks = await drain(provider.streamCompletion(ask({ model: 'gemini-2.5-pro' })));
    expect(chunks.slice(0, -1)).toEqual([
      { type: 'reasoning-delta', text: '**Considering the question**\n\n' },
      { type: 'reasoning-delta', text: 'Simple explanations win.' },
      { type: 'text-delta', text: 'The simplest explanation' },
      { type: 'text-delta', text: ' is usually right.' },
      { type: 'reasoning-delta', text: '', signature: 'CikB0e2Kb7StreamTextSignature' },
    ]);
    expect(chunks.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 208, totalTokens: 220, reasoningTokens: 200 },
    });
  });

  it('requests JSON output with responseMimeType and responseJsonSchema', async () => {
    server.enqueue({ body: fixtures.json('generate-content-json.json') });
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, ingredients: { type: 'array', items: { type: 'string' } } },
      required: ['name', 'ingredients'],
    };
    const response = await provider.sendCompletion(
      ask({ responseFormat: { type: 'json_schema', name: 'recipe', schema } }),
    );
    expect(server.requests[0]?.json<GeminiRequest>().generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseJsonSchema: schema,
    });
    expect(JSON.parse(response.text)).toEqual({
      name: 'Chocolate Chip Cookies',
      ingredients: ['flour', 'butter', 'sugar'],
    });
  });

  it('converts schemas to the OpenAPI subset with schemaFormat openapi', async () => {
    const openapi = createGoogleProvider(
      { apiKey: API_KEY, baseUrl: `${server.url}/v1beta`, schemaFormat: 'openapi' },
      {},
    );
    server.enqueue({ body: fixtures.json('generate-content-json.json') });
    await openapi.sendCompletion(
      ask({
        responseFormat: {
          type: 'json_schema',
          name: 'recipe',
          schema: {
            type: 'object',
            properties: { name: { type: ['string', 'null'] } },
            additionalProperties: false,
          },
        },
        tools: [{ name: 'ping', parameters: { type: 'object', properties: {} } }],
      }),
    );
    const body = server.requests[0]?.json<GeminiRequest>();
    expect(body?.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: { type: 'OBJECT', properties: { name: { type: 'STRING', nullable: true } } },
    });
    expect(body?.tools).toEqual([{ functionDeclarations: [{ name: 'ping' }] }]);
    await openapi.close?.();
  });

  it('merges providerParams.google last, keeping the rest of generationConfig', async () => {
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    const safetySettings = [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }];
    await provider.sendCompletion(
      ask({
        temperature: 0.5,
        providerParams: {
          google: { safetySettings, generationConfig: { topK: 40 } },
          'google-vertex': { labels: { team: 'never-sent-here' } },
          openai: { logprobs: true },
        },
      }),
    );
    const body = server.requests[0]?.json<Record<string, unknown>>();
    expect(body?.safetySettings).toEqual(safetySettings);
    expect(body?.generationConfig).toEqual({ temperature: 0.5, topK: 40 });
    expect(body).not.toHaveProperty('labels');
    expect(body).not.toHaveProperty('logprobs');
  });

  it('sends images inline or by URL', async () => {
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    await provider.sendCompletion(
      ask({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare these.' },
              { type: 'image', source: { type: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
              { type: 'image', source: { type: 'url', url: 'data:image/webp;base64,UklGRg==' } },
            ],
          },
        ],
      }),
    );
    expect(server.requests[0]?.json<GeminiRequest>().contents[0]?.parts).toEqual([
      { text: 'Compare these.' },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { fileData: { fileUri: 'https://example.com/cat.jpg', mimeType: 'image/jpeg' } },
      { inlineData: { mimeType: 'image/webp', data: 'UklGRg==' } },
    ]);
  });

  it('rejects a blocked prompt with content_filter, streaming or not', async () => {
    server.enqueue({ body: fixtures.json('generate-content-prompt-blocked.json') });
    const error = await failure(provider.sendCompletion(ask()));
    expect(error).toMatchObject({
      code: 'content_filter',
      providerCode: 'SAFETY',
      providerId: 'google',
      retryable: false,
    });
    server.enqueue({ frames: fixtures.sseFrames('stream-prompt-blocked.sse') });
    const streamError = await failure(drain(provider.streamCompletion(ask())));
    expect(streamError).toMatchObject({ code: 'content_filter', providerCode: 'PROHIBITED_CONTENT' });
  });

  it('maps candidate finish reasons: SAFETY, MAX_TOKENS, MALFORMED_FUNCTION_CALL', async () => {
    server.enqueue(
      { body: fixtures.json('generate-content-finish-safety.json') },
      { body: fixtures.json('generate-content-max-tokens.json') },
      { body: fixtures.json('generate-content-malformed-call.json') },
    );
    const safety = await provider.sendCompletion(ask());
    expect(safety).toMatchObject({ finishReason: 'content_filter', text: 'Here is how you' });
    const length = await provider.sendCompletion(ask({ model: 'gemini-2.0-flash' }));
    expect(length).toMatchObject({ finishReason: 'length', model: 'gemini-2.0-flash' });
    const malformed = await provider.sendCompletion(ask({ model: 'gemini-2.0-flash' }));
    expect(malformed).toMatchObject({ finishReason: 'error', text: '', content: [] });
  });

  it.each([
    ['apiKeyInvalid', 'authentication', 400, false],
    ['invalidArgument', 'invalid_request', 400, false],
    ['tokenLimit', 'context_length_exceeded', 400, false],
    ['failedPrecondition', 'invalid_request', 400, false],
    ['unauthenticated', 'authentication', 401, false],
    ['permissionDenied', 'permission', 403, false],
    ['notFound', 'not_found', 404, false],
    ['rateLimit', 'rate_limit', 429, true],
    ['overloaded', 'overloaded', 503, true],
    ['unavailable', 'provider', 503, true],
    ['internal', 'provider', 500, true],
    ['deadlineExceeded', 'timeout', 504, true],
    ['cancelled', 'timeout', 499, true],
    ['unimplemented', 'unsupported', 501, false],
  ])('maps the %s error to %s', async (fixture, code, status, retryable) => {
    server.enqueue(errorReply(fixture));
    const error = await failure(provider.sendCompletion(ask()));
    expect(error).toMatchObject({ code, status, retryable, providerId: 'google' });
    expect(error.message).not.toContain(API_KEY);
  });

  it('reads RetryInfo retryDelay into retryAfterMs (30s, 1.5s) and Retry-After otherwise', async () => {
    server.enqueue(errorReply('rateLimit'), errorReply('rateLimitFractional'), {
      status: 429,
      headers: { 'retry-after': '4' },
      body: { error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } },
    });
    expect((await failure(provider.sendCompletion(ask()))).retryAfterMs).toBe(30_000);
    expect((await failure(provider.sendCompletion(ask()))).retryAfterMs).toBe(1_500);
    expect((await failure(provider.sendCompletion(ask()))).retryAfterMs).toBe(4_000);
  });

  it('maps an error event inside a stream after content arrived', async () => {
    server.enqueue({ frames: fixtures.sseFrames('stream-error.sse') });
    const seen: StreamChunk[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of provider.streamCompletion(ask())) seen.push(chunk);
      })(),
    );
    expect(seen).toEqual([{ type: 'text-delta', text: 'Partial' }]);
    expect(error).toMatchObject({ code: 'overloaded', status: 503, retryable: true });
  });

  it('reports a stream without a finishReason as a stream error', async () => {
    server.enqueue({ frames: fixtures.sseFrames('stream-truncated.sse') });
    const seen: StreamChunk[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of provider.streamCompletion(ask())) seen.push(chunk);
      })(),
    );
    expect(seen.map((chunk) => chunk.type)).toEqual(['text-delta', 'text-delta']);
    expect(error.code).toBe('stream');
  });

  it('closes the connection when aborted mid-stream', async () => {
    server.enqueue({ frames: [sseFrame(textResponse('Hel', null))], ending: 'hang' });
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
      server.enqueue({ frames: [sseFrame(textResponse('Hel', null))], ending: 'hang' });
      const iterator = provider.streamCompletion(ask(), options)[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toEqual({ type: 'text-delta', text: 'Hel' });
      return { pending: iterator.next() };
    }

    const configured = (deadlines: Partial<GoogleOptions>): LLMProvider =>
      createGoogleProvider({ apiKey: API_KEY, baseUrl: `${server.url}/v1beta`, ...deadlines }, {});

    it('times out a stream that stalls mid-way with idleTimeoutMs, and closes it', async () => {
      const closed = server.nextClientAbort();
      const error = await settleWithClock(
        failure((await stalledAfterText({ idleTimeoutMs: 50 })).pending),
        50,
      );
      expect(error.code).toBe('timeout');
      expect(error.message).toBe('The response body stalled for more than 50 ms');
      await closed;
    });

    it('applies idleTimeoutMs and timeoutMs from the config to a stream, mid-stream too', async () => {
      await provider.close?.();
      provider = configured({ idleTimeoutMs: 80 });
      let closed = server.nextClientAbort();
      const idle = await settleWithClock(failure((await stalledAfterText({})).pending), 10);
      expect(idle.message).toBe('The response body stalled for more than 80 ms');
      await closed;
      await provider.close?.();
      provider = configured({ timeoutMs: 1000 });
      closed = server.nextClientAbort();
      const whole = await settleWithClock(failure((await stalledAfterText({})).pending), 100);
      expect(whole.message).toBe('The request did not complete within 1000 ms');
      await closed;
    });

    it('applies firstByteTimeoutMs from the config, and the call value overrides it', async () => {
      await provider.close?.();
      provider = configured({ firstByteTimeoutMs: 100 });
      let upstream = neverAnswers();
      server.enqueue(upstream.reply);
      let closed = server.nextClientAbort();
      let error = failure(provider.sendCompletion(ask()));
      await upstream.arrived;
      vi.advanceTimersByTime(100);
      expect(await error).toMatchObject({
        code: 'timeout',
        message: 'No response headers within 100 ms',
      });
      await closed;
      upstream = neverAnswers();
      server.enqueue(upstream.reply);
      closed = server.nextClientAbort();
      error = failure(drain(provider.streamCompletion(ask(), { firstByteTimeoutMs: 300 })));
      await upstream.arrived;
      vi.advanceTimersByTime(300);
      expect((await error).message).toBe('No response headers within 300 ms');
      await closed;
    });
  });

  it('rejects a tool result whose call id is unknown, before any I/O', async () => {
    const error = await failure(
      provider.sendCompletion(
        ask({
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'tool', toolCallId: 'nope', content: 'x' },
          ],
        }),
      ),
    );
    expect(error).toMatchObject({
      code: 'invalid_request',
      field: 'messages.1.toolCallId',
      providerId: 'google',
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('google metadata and health', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;

  beforeEach(async () => {
    server = await createScriptedServer();
    provider = createGoogleProvider({ apiKey: API_KEY, baseUrl: `${server.url}/v1beta` }, {});
  });

  afterEach(async () => {
    await provider.close?.();
    await server.close();
  });

  it('merges every page of GET /models with the catalog and caches it', async () => {
    server.enqueue(
      { body: fixtures.json('models-list.json') },
      { body: fixtures.json('models-list-page-2.json') },
    );
    const metadata = await provider.getMetadata();
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1beta/models?pageSize=1000',
      '/v1beta/models?pageSize=1000&pageToken=Ch5tb2RlbHMvZ2VtbWEtMy0yN2ItaXQ%3D',
    ]);
    expect(server.requests[0]?.headers['x-goog-api-key']).toBe(API_KEY);
    const ids = metadata.models.map((model) => model.id);
    expect(ids.slice(0, 6)).toEqual([
      'embedding-001',
      'gemini-embedding-001',
      'gemini-2.5-flash',
      'gemini-2.5-flash-preview-09-2025',
      'gemma-3-27b-it',
      'gemini-2.0-flash-001',
    ]);
    // an embedding model the catalog does not know: it embeds, its output limit of 1 is no limit
    expect(metadata.models[0]).toEqual({
      id: 'embedding-001',
      contextWindow: 2048,
      capabilities: { streaming: false, tools: false, vision: false, json: false, embedding: true },
    });
    expect(metadata.models[1]).toEqual({
      id: 'gemini-embedding-001',
      contextWindow: 2048,
      capabilities: { streaming: false, tools: false, vision: false, json: false, embedding: true },
      embedding: { dimensions: 3072, flexibleDimensions: true, maxInputTokens: 2048 },
      pricing: { inputPer1k: 0.00015, outputPer1k: 0 },
    });
    expect(ids).toContain('gemini-2.5-pro');
    const preview = metadata.models.find((model) => model.id === 'gemini-2.5-flash-preview-09-2025');
    expect(preview).toMatchObject({
      contextWindow: 1_048_576,
      maxOutputTokens: 65_536,
      capabilities: { tools: true, reasoning: true },
    });
    expect(preview?.pricing).toBeUndefined();
    expect(metadata.models.find((model) => model.id === 'gemini-2.5-flash')?.pricing?.inputPer1k).toBe(
      0.0003,
    );
    // Gemini 2.5 Pro's long-prompt prices ride along in the catalog pricing
    expect(metadata.models.find((model) => model.id === 'gemini-2.5-pro')?.pricing).toEqual({
      inputPer1k: 0.00125,
      outputPer1k: 0.01,
      cachedInputPer1k: 0.000125,
      tiers: [
        {
          promptTokensAbove: 200_000,
          pricing: { inputPer1k: 0.0025, outputPer1k: 0.015, cachedInputPer1k: 0.00025 },
        },
      ],
    });
    expect(metadata.models.find((model) => model.id === 'gemma-3-27b-it')).toMatchObject({
      contextWindow: 131_072,
      capabilities: { streaming: true, tools: false },
    });
    expect(metadata).toMatchObject({ providerId: 'google', apiVersion: 'v1beta' });
    await provider.getMetadata();
    expect(server.requests).toHaveLength(2);
  });

  it('falls back to the catalog when the list fails', async () => {
    server.enqueue(errorReply('internal'));
    const metadata = await provider.getMetadata();
    expect(metadata.models.map((model) => model.id)).toEqual([
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
      'gemini-2.0-flash',
      'gemini-2.0-flash-lite',
      'gemini-embedding-001',
    ]);
  });

  it('probes by listing one model, rejecting with the classified error and never the key', async () => {
    server.enqueue({ body: { models: [] } }, rateLimitReply(1), errorReply('apiKeyInvalid'));
    await expect(provider.probe({})).resolves.toBeUndefined();
    expect(server.requests[0]?.url).toBe('/v1beta/models?pageSize=1');
    expect(server.requests[0]?.headers['x-goog-api-key']).toBe(API_KEY);
    expect(await failure(provider.probe({}))).toMatchObject({ code: 'rate_limit', retryAfterMs: 1000 });
    const rejected = await failure(provider.probe({}));
    expect(rejected).toMatchObject({ code: 'authentication', providerId: 'google' });
    expect(rejected.message).not.toContain(API_KEY);
    expect(JSON.stringify(rejected.toJSON())).not.toContain(API_KEY);
  });
});

describe('google configuration', () => {
  it('fails at creation, naming the field, without a key or with a key in the base URL', () => {
    expect(() => createGoogleProvider({}, {})).toThrow(/apiKey/);
    expect(() =>
      createGoogleProvider(
        { baseUrl: 'https://generativelanguage.googleapis.com/v1beta?key=abc' },
        { GOOGLE_API_KEY: 'k' },
      ),
    ).toThrow(/x-goog-api-key/);
  });

  it('reads GOOGLE_API_KEY over GEMINI_API_KEY, GEMINI_API_KEY alone, and the base URL from the environment', async () => {
    const server = await createScriptedServer();
    const baseUrl = `${server.url}/v1beta`;
    const both = createGoogleProvider(
      {},
      { GEMINI_API_KEY: 'gemini-key', GOOGLE_API_KEY: 'google-key', GOOGLE_GEMINI_BASE_URL: baseUrl },
    );
    const geminiOnly = createGoogleProvider({ baseUrl }, { GEMINI_API_KEY: 'gemini-key' });
    const explicit = createGoogleProvider(
      { baseUrl, apiKey: 'explicit-key' },
      { GOOGLE_API_KEY: 'google-key' },
    );
    server.setFallback({ body: { models: [] } });
    for (const provider of [both, geminiOnly, explicit]) await provider.probe({});
    expect(server.requests.map((request) => request.headers['x-goog-api-key'])).toEqual([
      'google-key',
      'gemini-key',
      'explicit-key',
    ]);
    await Promise.all([both, geminiOnly, explicit].map((provider) => provider.close?.()));
    await server.close();
  });
});
