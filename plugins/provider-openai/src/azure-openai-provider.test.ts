import type { ServerResponse } from 'node:http';
import { ConfigError, type LLMProvider } from '@hub/core';
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
import { type AzureOpenAIProviderOptions, createAzureOpenAIProvider } from './azure-openai-provider.js';
import {
  completionBody,
  DONE_FRAME,
  fixtures,
  textChunk,
  usageChunk,
} from './test-support/chat-completions-wire.js';
import { routeEmbeddings } from './test-support/embeddings-wire.js';

// Azure resource keys are 32 hex characters, a shape no pattern-based redaction recognises
const FAKE_AZURE_KEY = '7c1e9f04b2d84a6f93e5c8a1d0b7f3e2';
const FAKE_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJjb2duaXRpdmUifQ.c2lnbmF0dXJlLWZha2U';

const ERROR_REPLIES: Record<ContractErrorKind, { status: number; fixture: string }> = {
  authentication: { status: 401, fixture: 'error-invalid-api-key.json' },
  rate_limit: { status: 429, fixture: 'error-rate-limit.json' },
  invalid_request: { status: 400, fixture: 'error-invalid-request.json' },
  provider: { status: 500, fixture: 'error-server.json' },
};

function textReply(pieces: readonly string[]) {
  return (request: RecordedRequest, response: ServerResponse): void => {
    const body = request.json<{ stream?: boolean }>();
    if (body.stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completionBody(pieces.join(''), 'gpt-4o-mini')));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const piece of pieces) response.write(textChunk(piece));
    response.write(textChunk('', 'stop'));
    response.write(usageChunk(9, 3));
    response.end(DONE_FRAME);
  };
}

const hello = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };

let contractServer: ScriptedServer | undefined;
describeProviderContract('azure-openai', {
  model: 'gpt-4o-mini',
  async createProvider() {
    contractServer = await createScriptedServer();
    return createAzureOpenAIProvider({
      endpoint: contractServer.url,
      apiVersion: '2024-10-21',
      deployments: { 'gpt-4o-mini': 'prod-gpt4o-mini', 'text-embedding-3-small': 'embed-small' },
      apiKey: FAKE_AZURE_KEY,
      env: {},
    });
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
  requestIdHeader: 'x-ms-client-request-id',
  arrangeSilence() {
    contractServer?.enqueue(() => {});
  },
  embedding: {
    model: 'text-embedding-3-small',
    batchSize: 2048,
    flexibleDimensions: true,
    arrangeEmbeddings: (answer) =>
      routeEmbeddings(contractServer as ScriptedServer, '/openai/deployments/embed-small/embeddings', answer),
  },
  validConfig: {
    endpoint: 'https://my-resource.openai.azure.com',
    apiVersion: '2024-10-21',
    deployments: { 'gpt-4o': 'gpt4o' },
    apiKey: FAKE_AZURE_KEY,
  },
  invalidConfig: { endpoint: 'my-resource', deployments: {} },
  secret: FAKE_AZURE_KEY,
  async cleanup() {
    await contractServer?.close();
    contractServer = undefined;
  },
});

describe('Azure OpenAI provider on the wire', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;
  const create = (options: AzureOpenAIProviderOptions = {}): LLMProvider =>
    createAzureOpenAIProvider({
      endpoint: `${server.url}/`,
      apiVersion: '2024-10-21',
      deployments: { 'gpt-4o-mini': 'prod-gpt4o-mini', 'o4-mini': 'reasoner', 'my-finetune': 'ft-deploy' },
      apiKey: FAKE_AZURE_KEY,
      env: {},
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

  it('posts to the deployment URL with api-version and the api-key header', async () => {
    server.enqueue({ body: fixtures.json('chat-completion.json') });
    const response = await provider.sendCompletion(hello, { requestId: 'req-9' });
    const [sent] = server.requests;
    expect(sent?.url).toBe('/openai/deployments/prod-gpt4o-mini/chat/completions?api-version=2024-10-21');
    expect(sent?.headers['api-key']).toBe(FAKE_AZURE_KEY);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.headers['x-ms-client-request-id']).toBe('req-9');
    expect(sent?.json()).toEqual({
      model: 'prod-gpt4o-mini',
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    expect(response.provider).toBe('azure-openai');
    expect(response.text).toBe('Hello! How can I assist you today?');
  });

  it('uses the model id as deployment name for models missing from deployments', async () => {
    server.enqueue({ body: fixtures.json('chat-completion.json') });
    await provider.sendCompletion({ ...hello, model: 'gpt-4.1' });
    expect(server.requests[0]?.url).toBe(
      '/openai/deployments/gpt-4.1/chat/completions?api-version=2024-10-21',
    );
  });

  it('streams from the deployment URL with the reasoning mapping of the model behind it', async () => {
    server.enqueue({ frames: fixtures.sseFrames('stream-reasoning.sse') });
    const chunks = await collect(
      provider.streamCompletion({ ...hello, model: 'o4-mini', maxTokens: 100, temperature: 0.3 }),
    );
    expect(server.requests[0]?.url).toBe(
      '/openai/deployments/reasoner/chat/completions?api-version=2024-10-21',
    );
    expect(server.requests[0]?.json()).toEqual({
      model: 'reasoner',
      messages: [{ role: 'user', content: 'Say hello.' }],
      max_completion_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('speaks the v1 route with the deployment as model and no api-version unless given', async () => {
    await provider.close?.();
    provider = create({ useV1Api: true, apiVersion: undefined });
    server.enqueue(
      { body: fixtures.json('chat-completion.json') },
      { body: fixtures.json('models-list.json') },
    );
    await provider.sendCompletion(hello);
    expect(server.requests[0]?.url).toBe('/openai/v1/chat/completions');
    expect(server.requests[0]?.json<{ model: string }>().model).toBe('prod-gpt4o-mini');
    await provider.probe({});
    expect(server.requests[1]?.url).toBe('/openai/v1/models');
  });

  it('adds api-version to the v1 route when one is given', async () => {
    await provider.close?.();
    provider = create({ useV1Api: true, apiVersion: 'preview' });
    server.enqueue({ body: fixtures.json('chat-completion.json') });
    await provider.sendCompletion(hello);
    expect(server.requests[0]?.url).toBe('/openai/v1/chat/completions?api-version=preview');
  });

  it('authenticates with a bearer token from the token provider, fetched for every request', async () => {
    await provider.close?.();
    let calls = 0;
    provider = create({
      apiKey: undefined,
      tokenProvider: async () => `${FAKE_TOKEN}${++calls}`,
    });
    server.enqueue(
      { body: fixtures.json('chat-completion.json') },
      { frames: fixtures.sseFrames('stream-text.sse') },
    );
    await provider.sendCompletion(hello);
    await collect(provider.streamCompletion(hello));
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${FAKE_TOKEN}1`);
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${FAKE_TOKEN}2`);
    expect(server.requests[0]?.headers['api-key']).toBeUndefined();
  });

  it('masks a token the upstream echoes back', async () => {
    await provider.close?.();
    // an opaque token no credential pattern recognises: only knowing the value can mask it
    const opaque = 'opaque1token2value3nobody4guesses';
    provider = create({ apiKey: undefined, tokenProvider: async () => opaque });
    server.enqueue({ status: 401, body: { error: { code: '401', message: `Token ${opaque} is expired.` } } });
    const error = await failure(provider.sendCompletion(hello));
    expect(error.code).toBe('authentication');
    expect(error.message).not.toContain(opaque);
    expect(error.message).toContain('[REDACTED]');
  });

  it('reports a failing token provider as authentication without sending anything', async () => {
    await provider.close?.();
    provider = create({
      apiKey: undefined,
      tokenProvider: async () => {
        throw new Error('ManagedIdentityCredential: no identity endpoint');
      },
    });
    const error = await failure(provider.sendCompletion(hello));
    expect(error.code).toBe('authentication');
    expect(error.message).toContain('ManagedIdentityCredential');
    expect(server.requests).toHaveLength(0);
    expect((await failure(provider.probe({}))).code).toBe('authentication');
    expect(server.requests).toHaveLength(0);
  });

  it('never puts the api-key in an error, even when the upstream echoes it', async () => {
    server.enqueue({
      status: 401,
      body: { error: { code: '401', message: `Access denied for key ${FAKE_AZURE_KEY}.` } },
    });
    const error = await failure(provider.sendCompletion(hello));
    expect(error.code).toBe('authentication');
    expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain(FAKE_AZURE_KEY);
  });

  it('maps the content filter error and honours retry-after-ms', async () => {
    server.enqueue(
      { status: 400, body: fixtures.json('azure-error-content-filter.json') },
      {
        status: 429,
        headers: { 'retry-after-ms': '1200', 'retry-after': '2' },
        body: fixtures.json('error-rate-limit.json'),
      },
    );
    const filtered = await failure(provider.sendCompletion(hello));
    expect(filtered.code).toBe('content_filter');
    expect(filtered.retryable).toBe(false);
    const limited = await failure(provider.sendCompletion(hello));
    expect(limited.code).toBe('rate_limit');
    expect(limited.retryAfterMs).toBe(1200);
  });

  it('probes with GET /openai/models?api-version=…', async () => {
    server.enqueue({ body: { data: [], object: 'list' } });
    await expect(provider.probe({})).resolves.toBeUndefined();
    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.url).toBe('/openai/models?api-version=2024-10-21');
    expect(server.requests[0]?.headers['api-key']).toBe(FAKE_AZURE_KEY);
  });

  it('describes its deployments without calling the server', async () => {
    const metadata = await provider.getMetadata();
    expect(server.requests).toHaveLength(0);
    expect(metadata).toMatchObject({
      providerId: 'azure-openai',
      displayName: 'Azure OpenAI',
      apiVersion: '2024-10-21',
    });
    expect(metadata.models.map((model) => model.id)).toEqual(['gpt-4o-mini', 'o4-mini', 'my-finetune']);
    expect(metadata.models[0]?.pricing?.inputPer1k).toBe(0.00015);
    expect(metadata.models[1]?.capabilities.reasoning).toBe(true);
    expect(metadata.models[2]).toEqual({
      id: 'my-finetune',
      contextWindow: 8192,
      capabilities: { streaming: true, tools: false, vision: false, json: false },
    });
  });

  it('reads AZURE_OPENAI_* variables, explicit options winning', async () => {
    await provider.close?.();
    provider = createAzureOpenAIProvider({
      deployments: { 'gpt-4o-mini': 'from-env' },
      env: {
        AZURE_OPENAI_ENDPOINT: server.url,
        AZURE_OPENAI_API_KEY: FAKE_AZURE_KEY,
        AZURE_OPENAI_API_VERSION: '2025-01-01-preview',
      },
      apiVersion: '2024-10-21',
    });
    server.enqueue({ body: fixtures.json('chat-completion.json') });
    await provider.sendCompletion(hello);
    expect(server.requests[0]?.url).toBe(
      '/openai/deployments/from-env/chat/completions?api-version=2024-10-21',
    );
    expect(server.requests[0]?.headers['api-key']).toBe(FAKE_AZURE_KEY);
  });
});

describe('Azure OpenAI configuration', () => {
  const base = {
    endpoint: 'https://r.openai.azure.com',
    apiVersion: '2024-10-21',
    deployments: { 'gpt-4o': 'g' },
    env: {},
  };
  const issues = (options: AzureOpenAIProviderOptions): Record<string, string> => {
    try {
      createAzureOpenAIProvider(options);
    } catch (error) {
      if (ConfigError.isConfigError(error)) {
        return Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
      }
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('requires an endpoint, deployments and a credential, naming each field', () => {
    expect(issues({ env: {} })).toMatchObject({
      endpoint: expect.stringContaining('AZURE_OPENAI_ENDPOINT'),
      deployments: expect.stringContaining('deployment'),
    });
    expect(issues({ ...base })).toEqual({ apiKey: expect.stringContaining('AZURE_OPENAI_API_KEY') });
  });

  it('requires apiVersion for deployment URLs but not for the v1 route', () => {
    const { apiVersion: _unused, ...withoutVersion } = base;
    expect(issues({ ...withoutVersion, apiKey: FAKE_AZURE_KEY })).toEqual({
      apiVersion: expect.stringContaining('AZURE_OPENAI_API_VERSION'),
    });
    expect(() =>
      createAzureOpenAIProvider({ ...withoutVersion, apiKey: FAKE_AZURE_KEY, useV1Api: true }),
    ).not.toThrow();
  });

  it('refuses both apiKey and tokenProvider, and a malformed endpoint', () => {
    expect(issues({ ...base, apiKey: FAKE_AZURE_KEY, tokenProvider: async () => 't' })).toEqual({
      tokenProvider: 'give either apiKey or tokenProvider, not both',
    });
    const bad = issues({
      ...base,
      endpoint: `https://r.openai.azure.com?key=${FAKE_AZURE_KEY}`,
      apiKey: FAKE_AZURE_KEY,
    });
    expect(Object.keys(bad)).toEqual(['endpoint']);
    expect(JSON.stringify(bad)).not.toContain(FAKE_AZURE_KEY);
  });
});
