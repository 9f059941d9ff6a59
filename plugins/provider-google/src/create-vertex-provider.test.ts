import type { CompletionRequest, LLMProvider } from '@hub/core';
import {
  createScriptedServer,
  describeProviderContract,
  collectChunks as drain,
  catchConnectorError as failure,
  type ScriptedServer,
  settleWithClock,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GoogleAuthLibrary } from './application-default-credentials.js';
import { createVertexProvider } from './create-vertex-provider.js';
import { fixtures } from './test-support/fixtures.js';
import { geminiContractHooks } from './test-support/gemini-contract-harness.js';
import { errorReply, rateLimitReply } from './test-support/gemini-replies.js';
import type { AccessToken, TokenProvider } from './token-provider.js';
import { vertexBaseUrl } from './vertex-base-url.js';
import { vertex } from './vertex-plugin.js';

const TOKEN = 'ya29.a0AfB_byC-fake-vertex-access-token-0123456789';
const MODEL_PATH = '/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.5-flash';

const fixedToken: TokenProvider = async () => ({ token: TOKEN, expiresAt: Date.now() + 3_600_000 });

const ask = (overrides: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user', content: 'Say hello.' }],
  ...overrides,
});

let contractServer: ScriptedServer | undefined;
describeProviderContract('google-vertex', {
  ...geminiContractHooks({
    server: () => contractServer as ScriptedServer,
    embeddingPath:
      '/v1/projects/my-project/locations/us-central1/publishers/google/models/text-embedding-005:',
    embeddingModel: 'text-embedding-005',
    embeddingBatchSize: 250,
  }),
  async createProvider() {
    contractServer = await createScriptedServer();
    return createVertexProvider(
      {
        project: 'my-project',
        location: 'us-central1',
        tokenProvider: fixedToken,
        baseUrl: `${contractServer.url}/v1`,
      },
      { env: {} },
    );
  },
  model: 'gemini-2.5-flash',
  arrangeError(kind, { retryAfterSeconds }) {
    const server = contractServer as ScriptedServer;
    // a 401 is retried once with a fresh token, so the rejection is scripted twice
    if (kind === 'authentication')
      server.enqueue(errorReply('unauthenticated'), errorReply('unauthenticated'));
    if (kind === 'rate_limit') server.enqueue(rateLimitReply(retryAfterSeconds));
    if (kind === 'invalid_request') server.enqueue(errorReply('invalidArgument'));
    if (kind === 'provider') server.enqueue(errorReply('internal'));
  },
  validConfig: { project: 'my-project', tokenProvider: fixedToken },
  invalidConfig: { project: '', location: 'Not A Region' },
  secret: TOKEN,
  async cleanup() {
    await contractServer?.close();
    contractServer = undefined;
  },
});

describe('vertex provider on the wire', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;

  beforeEach(async () => {
    server = await createScriptedServer();
    provider = createVertexProvider(
      {
        project: 'my-project',
        location: 'us-central1',
        tokenProvider: fixedToken,
        baseUrl: `${server.url}/v1`,
      },
      { env: {} },
    );
  });

  afterEach(async () => {
    await provider.close?.();
    await server.close();
  });

  it('posts to the project/location/publisher path with a bearer token', async () => {
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    const response = await provider.sendCompletion(
      ask({ temperature: 0, providerParams: { 'google-vertex': { labels: { team: 'search' } } } }),
    );
    const sent = server.requests[0];
    expect(sent?.url).toBe(`${MODEL_PATH}:generateContent`);
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent?.headers['x-goog-api-key']).toBeUndefined();
    expect(sent?.json()).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Say hello.' }] }],
      generationConfig: { temperature: 0 },
      labels: { team: 'search' },
    });
    expect(response).toMatchObject({ provider: 'google-vertex', text: 'Hello there!', finishReason: 'stop' });
  });

  it('streams from streamGenerateContent?alt=sse', async () => {
    server.enqueue({ frames: fixtures.sseFrames('stream-text.sse') });
    const chunks = await drain(provider.streamCompletion(ask()));
    expect(server.requests[0]?.url).toBe(`${MODEL_PATH}:streamGenerateContent?alt=sse`);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : chunk.type))).toEqual([
      'Hello',
      ' there',
      '!',
      'finish',
    ]);
  });

  it('takes a model id with a slash as a path below the location', async () => {
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    await provider.sendCompletion(ask({ model: 'endpoints/1234567890' }));
    expect(server.requests[0]?.url).toBe(
      '/v1/projects/my-project/locations/us-central1/endpoints/1234567890:generateContent',
    );
  });

  it('never puts the token into an error', async () => {
    server.enqueue({
      status: 400,
      body: { error: { code: 400, message: `Token ${TOKEN} is malformed`, status: 'INVALID_ARGUMENT' } },
    });
    const error = await failure(provider.sendCompletion(ask()));
    expect(error.code).toBe('invalid_request');
    expect(error.message).not.toContain(TOKEN);
    expect(JSON.stringify(error.toJSON())).not.toContain(TOKEN);
  });

  it('probes by counting the tokens of a one-word prompt', async () => {
    server.enqueue({ body: { totalTokens: 1 } });
    await expect(provider.probe({})).resolves.toBeUndefined();
    expect(server.requests[0]?.url).toBe(`${MODEL_PATH}:countTokens`);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('answers metadata from the Vertex catalog without a request', async () => {
    const metadata = await provider.getMetadata();
    expect(metadata).toMatchObject({ providerId: 'google-vertex', apiVersion: 'v1' });
    expect(metadata.models.find((model) => model.id === 'gemini-2.0-flash')?.pricing?.inputPer1k).toBe(
      0.00015,
    );
    expect(metadata.models.find((model) => model.id === 'gemini-2.5-pro')?.pricing?.tiers).toEqual([
      {
        promptTokensAbove: 200_000,
        pricing: { inputPer1k: 0.0025, outputPer1k: 0.015, cachedInputPer1k: 0.00025 },
      },
    ]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('vertex access tokens', () => {
  let server: ScriptedServer;
  const providers: LLMProvider[] = [];
  const make = (tokenProvider: TokenProvider, now?: () => number): LLMProvider => {
    const created = createVertexProvider(
      { project: 'my-project', tokenProvider, baseUrl: `${server.url}/v1` },
      { env: {}, ...(now !== undefined && { now }) },
    );
    providers.push(created);
    return created;
  };

  beforeEach(async () => {
    server = await createScriptedServer();
    server.setFallback({ body: fixtures.json('generate-content-text.json') });
  });

  afterEach(async () => {
    await Promise.all(providers.splice(0).map((created) => created.close?.()));
    await server.close();
  });

  it('reuses a token until less than 60 s remain, then refreshes before it expires', async () => {
    let clock = 1_000_000;
    const fetched: AccessToken[] = [];
    const tokenProvider = vi.fn<TokenProvider>(async () => {
      const token = { token: `token-${fetched.length + 1}`, expiresAt: clock + 120_000 };
      fetched.push(token);
      return token;
    });
    const provider = make(tokenProvider, () => clock);
    await provider.sendCompletion(ask());
    clock += 30_000; // 90 s left: still good
    await provider.sendCompletion(ask());
    clock += 31_000; // 59 s left: refreshed although not yet expired
    await provider.sendCompletion(ask());
    expect(tokenProvider).toHaveBeenCalledTimes(2);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('coalesces concurrent refreshes into one token fetch', async () => {
    let release: (token: AccessToken) => void = () => undefined;
    const tokenProvider = vi.fn<TokenProvider>(
      () =>
        new Promise<AccessToken>((resolve) => {
          release = resolve;
        }),
    );
    const provider = make(tokenProvider);
    const calls = [
      provider.sendCompletion(ask()),
      provider.sendCompletion(ask()),
      provider.sendCompletion(ask()),
    ];
    await vi.waitFor(() => expect(tokenProvider).toHaveBeenCalledTimes(1));
    release({ token: 'shared-token', expiresAt: new Date(Date.now() + 3_600_000) });
    await Promise.all(calls);
    expect(tokenProvider).toHaveBeenCalledTimes(1);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer shared-token',
      'Bearer shared-token',
      'Bearer shared-token',
    ]);
  });

  it('fails with authentication and sends nothing when the token fetch fails', async () => {
    const provider = make(async () => {
      throw new Error('metadata server said no: Bearer ya29.leaked-looking-token-value-123456');
    });
    const error = await failure(provider.sendCompletion(ask()));
    expect(error).toMatchObject({ code: 'authentication', providerId: 'google-vertex', retryable: false });
    expect(error.message).toContain('Could not obtain an access token');
    expect(error.message).not.toContain('ya29.leaked');
    const streamError = await failure(drain(provider.streamCompletion(ask())));
    expect(streamError.code).toBe('authentication');
    expect(server.requests).toHaveLength(0);
  });

  it('bounds the token fetch by the call deadline and the caller signal', async () => {
    const provider = make(
      (signal) =>
        new Promise<AccessToken>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // the token never comes: only the whole-call deadline can end the call
      const timedOut = failure(provider.sendCompletion(ask(), { timeoutMs: 30 }));
      expect((await settleWithClock(timedOut, 10)).code).toBe('timeout');
    } finally {
      vi.useRealTimers();
    }
    const controller = new AbortController();
    const pending = failure(provider.sendCompletion(ask(), { signal: controller.signal }));
    controller.abort();
    expect((await pending).code).toBe('cancelled');
    expect(server.requests).toHaveLength(0);
  });

  it('drops a token the API rejects with 401 and retries once with a fresh one', async () => {
    let count = 0;
    const provider = make(async () => ({ token: `token-${++count}`, expiresAt: Date.now() + 3_600_000 }));
    server.enqueue(errorReply('unauthenticated'));
    const response = await provider.sendCompletion(ask());
    expect(response.text).toBe('Hello there!');
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });
});

describe('vertex configuration and the google-auth-library boundary', () => {
  const fakeLibrary = (token: string) => {
    const getAccessToken = vi.fn(async () => ({ token }));
    const library: GoogleAuthLibrary = {
      GoogleAuth: vi.fn(function (this: unknown) {
        return {
          getClient: async () => ({ getAccessToken, credentials: { expiry_date: Date.now() + 3_600_000 } }),
        };
      }) as unknown as GoogleAuthLibrary['GoogleAuth'],
    };
    return library;
  };

  it('builds regional and global endpoints', () => {
    expect(vertexBaseUrl('us-central1')).toBe('https://us-central1-aiplatform.googleapis.com/v1');
    expect(vertexBaseUrl('europe-west4', 'v1beta1')).toBe(
      'https://europe-west4-aiplatform.googleapis.com/v1beta1',
    );
    expect(vertexBaseUrl('global')).toBe('https://aiplatform.googleapis.com/v1');
  });

  it('validates options at creation, naming the field, and reads the project from the environment', () => {
    expect(() => createVertexProvider({}, { env: {} })).toThrow(/project/);
    expect(() => createVertexProvider({ project: 'p', location: 'US Central' }, { env: {} })).toThrow(
      /location/,
    );
    expect(() =>
      createVertexProvider({ project: 'p', credentials: {}, tokenProvider: fixedToken }, { env: {} }),
    ).toThrow(/tokenProvider/);
    expect(
      createVertexProvider({ tokenProvider: fixedToken }, { env: { GOOGLE_CLOUD_PROJECT: 'from-env' } })
        .providerId,
    ).toBe('google-vertex');
    expect(() => vertex({ project: '' })).toThrow(/project/);
  });

  it('never loads google-auth-library when a tokenProvider is given', async () => {
    const server = await createScriptedServer();
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    const loadAuthLibrary = vi.fn(async () => fakeLibrary('unused'));
    const provider = createVertexProvider(
      { project: 'my-project', tokenProvider: fixedToken, baseUrl: `${server.url}/v1` },
      { env: {}, loadAuthLibrary },
    );
    await provider.sendCompletion(ask());
    expect(loadAuthLibrary).not.toHaveBeenCalled();
    await provider.close?.();
    await server.close();
  });

  it('loads google-auth-library lazily, on the first request, when no tokenProvider is given', async () => {
    const server = await createScriptedServer();
    server.setFallback({ body: fixtures.json('generate-content-text.json') });
    const library = fakeLibrary('adc-token');
    const loadAuthLibrary = vi.fn(async () => library);
    const credentials = { type: 'service_account', client_email: 'bot@my-project.iam.gserviceaccount.com' };
    const provider = createVertexProvider(
      { project: 'my-project', credentials, baseUrl: `${server.url}/v1` },
      { env: {}, loadAuthLibrary },
    );
    expect(loadAuthLibrary).not.toHaveBeenCalled();
    await provider.sendCompletion(ask());
    await provider.sendCompletion(ask());
    expect(loadAuthLibrary).toHaveBeenCalledTimes(1);
    expect(library.GoogleAuth).toHaveBeenCalledWith({
      scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      credentials,
    });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer adc-token',
      'Bearer adc-token',
    ]);
    await provider.close?.();
    await server.close();
  });

  it('explains how to fix a missing google-auth-library', async () => {
    const provider = createVertexProvider(
      { project: 'my-project', baseUrl: 'http://127.0.0.1:9/v1' },
      {
        env: {},
        loadAuthLibrary: async () => {
          throw Object.assign(new Error("Cannot find package 'google-auth-library'"), {
            code: 'ERR_MODULE_NOT_FOUND',
          });
        },
      },
    );
    const error = await failure(provider.sendCompletion(ask()));
    expect(error.code).toBe('config');
    expect(error.message).toMatch(/npm install google-auth-library.*tokenProvider/);
    await provider.close?.();
  });
});
