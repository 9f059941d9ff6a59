import type { CompletionRequest, LLMProvider } from '@hub/core';
import {
  createScriptedServer,
  catchConnectorError as failure,
  type RecordedRequest,
  type ScriptedServer,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGoogleProvider } from './create-google-provider.js';
import { createVertexProvider } from './create-vertex-provider.js';
import { fixtures } from './test-support/fixtures.js';
import { errorReply, rateLimitReply } from './test-support/gemini-replies.js';

const API_KEY = 'AIzaSyD-test-key-0123456789abcdefghijklm';
const TOKEN = 'ya29.a0AfB_byC-fake-vertex-access-token-0123456789';

// A request with everything generateContent maps: system instruction, tools and tool choice,
// sampling, and provider parameters
const REQUEST: CompletionRequest = {
  model: 'gemini-2.5-flash',
  messages: [
    { role: 'system', content: 'Answer in French.' },
    { role: 'user', content: 'What is the weather in Paris?' },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Current weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
  toolChoice: 'auto',
  temperature: 0.3,
  providerParams: { 'google-vertex': { labels: { team: 'search' } } },
};

const CONTENTS = [{ role: 'user', parts: [{ text: 'What is the weather in Paris?' }] }];
const SYSTEM = { parts: [{ text: 'Answer in French.' }] };
const TOOLS = [
  {
    functionDeclarations: [
      {
        name: 'get_weather',
        description: 'Current weather',
        parametersJsonSchema: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
      },
    ],
  },
];

const count = (provider: LLMProvider, request: CompletionRequest = REQUEST) =>
  (provider.countTokens as NonNullable<LLMProvider['countTokens']>)(request);

describe('countTokens', () => {
  let server: ScriptedServer;
  let google: LLMProvider;
  let vertex: LLMProvider;

  beforeEach(async () => {
    server = await createScriptedServer();
    google = createGoogleProvider({ apiKey: API_KEY, baseUrl: `${server.url}/v1beta` }, {});
    vertex = createVertexProvider(
      {
        project: 'my-project',
        tokenProvider: async () => ({ token: TOKEN, expiresAt: Date.now() + 3_600_000 }),
        baseUrl: `${server.url}/v1`,
      },
      { env: {} },
    );
  });

  afterEach(async () => {
    await google.close?.();
    await vertex.close?.();
    await server.close();
  });

  it('counts the whole generateContent request on the Gemini API (system instruction and tools included)', async () => {
    server.enqueue({ body: fixtures.json('count-tokens.json') });
    const counted = await count(google);
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.url).toBe('/v1beta/models/gemini-2.5-flash:countTokens');
    expect(sent.headers['x-goog-api-key']).toBe(API_KEY);
    expect(sent.json()).toEqual({
      generateContentRequest: {
        model: 'models/gemini-2.5-flash',
        contents: CONTENTS,
        systemInstruction: SYSTEM,
        tools: TOOLS,
        toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
        generationConfig: { temperature: 0.3 },
      },
    });
    expect(counted).toEqual({ inputTokens: 31, exact: true, provider: 'google', model: 'gemini-2.5-flash' });
  });

  it('counts on Vertex AI with the fields its countTokens takes, at the top level', async () => {
    server.enqueue({ body: fixtures.json('vertex-count-tokens.json') });
    const counted = await count(vertex);
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.url).toBe(
      '/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens',
    );
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    // no toolConfig, no labels: Vertex AI's countTokens refuses them
    expect(sent.json()).toEqual({
      contents: CONTENTS,
      systemInstruction: SYSTEM,
      tools: TOOLS,
      generationConfig: { temperature: 0.3 },
    });
    expect(counted).toEqual({
      inputTokens: 31,
      exact: true,
      provider: 'google-vertex',
      model: 'gemini-2.5-flash',
    });
  });

  it('classifies failures: 429 with its retry delay, 501 as unsupported, 5xx as provider', async () => {
    server.enqueue(rateLimitReply(4), errorReply('unimplemented'), errorReply('internal'));
    expect(await failure(count(google))).toMatchObject({
      code: 'rate_limit',
      retryAfterMs: 4000,
      retryable: true,
    });
    expect(await failure(count(google))).toMatchObject({
      code: 'unsupported',
      status: 501,
      retryable: false,
    });
    expect(await failure(count(vertex))).toMatchObject({
      code: 'provider',
      status: 500,
      providerId: 'google-vertex',
    });
  });

  it('reports an answer without totalTokens as a parse error', async () => {
    server.enqueue({ body: {} });
    expect(await failure(count(google))).toMatchObject({ code: 'parse', providerId: 'google' });
  });

  it('rejects a request it cannot map before any I/O, naming the field', async () => {
    const error = await failure(
      count(google, {
        model: 'gemini-2.5-flash',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'tool', toolCallId: 'unknown', content: 'x' },
        ],
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_request', field: 'messages.1.toolCallId' });
    expect(server.requests).toHaveLength(0);
  });

  it('closes the socket when the caller aborts', async () => {
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    server.enqueue(() => arrive());
    const controller = new AbortController();
    const closed = server.nextClientAbort();
    const pending = failure(
      (google.countTokens as NonNullable<LLMProvider['countTokens']>)(REQUEST, { signal: controller.signal }),
    );
    await arrived;
    controller.abort();
    expect((await pending).code).toBe('cancelled');
    await closed;
  });
});
