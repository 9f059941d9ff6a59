import type { ServerResponse } from 'node:http';
import { createHub, type LLMProvider } from '@hub/core';
import {
  createScriptedServer,
  encodeFloat32Base64,
  catchConnectorError as failure,
  type RecordedRequest,
  type ScriptedServer,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAzureOpenAIProvider } from './azure-openai-provider.js';
import { createChatCompletionsProvider } from './create-chat-completions-provider.js';
import { openai } from './openai-plugin.js';
import { createOpenAIProvider } from './openai-provider.js';
import { FAKE_OPENAI_KEY, fixtures } from './test-support/chat-completions-wire.js';
import { embeddingsBody, routeEmbeddings } from './test-support/embeddings-wire.js';

const vectorOf = (input: string): number[] => {
  const index = Number(input.slice(input.lastIndexOf(' ') + 1));
  return [index, -index, index / 4];
};
const inputsOf = (count: number): string[] => Array.from({ length: count }, (_, index) => `text ${index}`);

describe('embeddings on the wire', () => {
  let server: ScriptedServer;
  const providers: LLMProvider[] = [];
  const track = <T extends LLMProvider>(provider: T): T => {
    providers.push(provider);
    return provider;
  };
  const openAI = () =>
    track(createOpenAIProvider({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/v1`, env: {} }));

  beforeEach(async () => {
    server = await createScriptedServer();
  });
  afterEach(async () => {
    for (const provider of providers.splice(0)) await provider.close?.();
    await server.close();
  });

  it('asks for base64 with the documented body, and decodes the vectors in index order', async () => {
    const provider = openAI();
    // the data answered out of order: `index` places each vector
    server.enqueue({
      body: {
        object: 'list',
        data: [
          { object: 'embedding', index: 1, embedding: encodeFloat32Base64([0.5, -0.25]) },
          { object: 'embedding', index: 0, embedding: encodeFloat32Base64([1.5, 2]) },
        ],
        model: 'text-embedding-3-small',
        usage: { prompt_tokens: 6, total_tokens: 6 },
      },
    });
    const response = await provider.embed?.(
      { model: 'text-embedding-3-small', input: ['first', 'second'], dimensions: 2, user: 'user-42' },
      { requestId: 'req-7' },
    );
    const [sent] = server.requests;
    expect(sent?.url).toBe('/v1/embeddings');
    expect(sent?.headers['x-client-request-id']).toBe('req-7');
    expect(sent?.json()).toEqual({
      model: 'text-embedding-3-small',
      encoding_format: 'base64',
      dimensions: 2,
      user: 'user-42',
      input: ['first', 'second'],
    });
    expect(response?.embeddings.map((vector) => Array.from(vector))).toEqual([
      [1.5, 2],
      [0.5, -0.25],
    ]);
    expect(response?.usage).toEqual({ inputTokens: 6 });
    expect(response?.model).toBe('text-embedding-3-small');
    expect(response?.provider).toBe('openai');
  });

  it('reads number arrays too (the documented float answer)', async () => {
    const provider = openAI();
    server.enqueue({ body: fixtures.json('embeddings-float.json') });
    const response = await provider.embed?.({
      model: 'text-embedding-ada-002',
      input: 'The food was delicious.',
    });
    expect(Array.from(response?.embeddings[0] ?? [])).toEqual(
      Array.from(Float32Array.from([0.0023064255, -0.009327292, -0.0028842222, 0.012408837])),
    );
    expect(response?.usage.inputTokens).toBe(8);
  });

  it('splits 2,049 inputs into 2,048 and 1, reassembling them in order and adding up usage', async () => {
    const provider = openAI();
    const sizes: number[] = [];
    routeEmbeddings(server, '/v1/embeddings', (batch) => {
      sizes.push(batch.length);
      return batch.map(vectorOf);
    });
    const inputs = inputsOf(2049);
    const response = await provider.embed?.({ model: 'text-embedding-3-small', input: inputs });
    expect(sizes.sort((a, b) => b - a)).toEqual([2048, 1]);
    expect(response?.embeddings.map((vector) => Array.from(vector))).toEqual(
      inputs.map((input) => Array.from(Float32Array.from(vectorOf(input)))),
    );
    expect(response?.usage.inputTokens).toBe(2049 * 3);
  });

  it('closes a batch before it would pass 300,000 estimated tokens', async () => {
    const provider = openAI();
    const sizes: number[] = [];
    routeEmbeddings(server, '/v1/embeddings', (batch) => {
      sizes.push(batch.length);
      return batch.map(() => [1]);
    });
    // 12 inputs of 300,000 bytes: about 100,000 tokens each by the conservative estimate
    const long = 'x'.repeat(300_000);
    await provider.embed?.({
      model: 'text-embedding-3-small',
      input: Array.from({ length: 12 }, () => long),
    });
    expect(sizes).toEqual([3, 3, 3, 3]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const provider = track(
      createChatCompletionsProvider({
        providerId: 'local',
        baseUrl: `${server.url}/v1`,
        embeddings: { encoding: 'float', batchSize: 2, dimensionsField: false, concurrency: 2 },
      }),
    );
    let inFlight = 0;
    let most = 0;
    server.route('POST', '/v1/embeddings', async (request: RecordedRequest, response: ServerResponse) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      const { input } = request.json<{ input: string[] }>();
      inFlight--;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(embeddingsBody(input.map(vectorOf), false, 'local-embed')));
    });
    const response = await provider.embed?.({ model: 'local-embed', input: inputsOf(10) });
    expect(server.requests).toHaveLength(5);
    expect(most).toBeLessThanOrEqual(2);
    expect(response?.embeddings.map((vector) => vector[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // float servers are never sent encoding_format
    expect(server.requests[0]?.json<Record<string, unknown>>().encoding_format).toBeUndefined();
  });

  it('fails the whole call when one batch fails, sending no batch after it', async () => {
    const provider = track(
      createChatCompletionsProvider({
        providerId: 'local',
        baseUrl: `${server.url}/v1`,
        embeddings: { encoding: 'float', batchSize: 2, dimensionsField: false, concurrency: 1 },
      }),
    );
    routeEmbeddings(server, '/v1/embeddings', (batch) =>
      batch.includes('text 2') ? 'fail' : batch.map(vectorOf),
    );
    const error = await failure(
      provider.embed?.({ model: 'local-embed', input: inputsOf(6) }) ?? Promise.resolve(),
    );
    expect(error).toMatchObject({ code: 'provider', retryable: true, status: 500, providerId: 'local' });
    expect(server.requests).toHaveLength(2);
  });

  it('classifies a 429 of a batch with its wait', async () => {
    const provider = openAI();
    server.enqueue({
      status: 429,
      headers: { 'retry-after': '4' },
      body: fixtures.json('error-rate-limit.json'),
    });
    const error = await failure(
      provider.embed?.({ model: 'text-embedding-3-small', input: 'x' }) ?? Promise.resolve(),
    );
    expect(error).toMatchObject({ code: 'rate_limit', retryAfterMs: 4000 });
  });

  it('closes the socket when the signal aborts while a batch is pending', async () => {
    const provider = openAI();
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    server.enqueue(() => arrived());
    const controller = new AbortController();
    const closed = server.nextClientAbort();
    const pending = failure(
      provider.embed?.({ model: 'text-embedding-3-small', input: 'x' }, { signal: controller.signal }) ??
        Promise.resolve(),
    );
    await arrival;
    controller.abort();
    expect((await pending).code).toBe('cancelled');
    await closed;
  });

  it('refuses dimensions ada-002 cannot produce before any I/O, and omits them when they match', async () => {
    const provider = openAI();
    const error = await failure(
      provider.embed?.({ model: 'text-embedding-ada-002', input: 'x', dimensions: 256 }) ?? Promise.resolve(),
    );
    expect(error).toMatchObject({ code: 'unsupported', field: 'dimensions' });
    expect(server.requests).toHaveLength(0);
    server.enqueue({ body: embeddingsBody([new Array(1536).fill(0.5)], true, 'text-embedding-ada-002') });
    await provider.embed?.({ model: 'text-embedding-ada-002', input: 'x', dimensions: 1536 });
    expect(server.requests[0]?.json<Record<string, unknown>>().dimensions).toBeUndefined();
  });

  it('refuses vectors of another length than the dimensions asked for', async () => {
    const provider = openAI();
    server.enqueue({ body: embeddingsBody([[1, 2, 3]], true, 'text-embedding-3-small') });
    const error = await failure(
      provider.embed?.({ model: 'text-embedding-3-small', input: 'x', dimensions: 2 }) ?? Promise.resolve(),
    );
    expect(error).toMatchObject({ code: 'unsupported', field: 'dimensions' });
  });

  it('refuses an answer with fewer vectors than inputs as parse', async () => {
    const provider = openAI();
    server.enqueue({ body: embeddingsBody([[1]], true, 'text-embedding-3-small') });
    const error = await failure(
      provider.embed?.({ model: 'text-embedding-3-small', input: ['a', 'b'] }) ?? Promise.resolve(),
    );
    expect(error.code).toBe('parse');
  });

  it('Azure OpenAI: per-deployment embeddings with the api-version', async () => {
    const provider = track(
      createAzureOpenAIProvider({
        endpoint: server.url,
        apiVersion: '2024-10-21',
        deployments: { 'text-embedding-3-small': 'embed-prod' },
        apiKey: '7c1e9f04b2d84a6f93e5c8a1d0b7f3e2',
        env: {},
      }),
    );
    server.enqueue({ body: embeddingsBody([[0.25]], true, 'text-embedding-3-small') });
    const response = await provider.embed?.({ model: 'text-embedding-3-small', input: 'x' });
    expect(server.requests[0]?.url).toBe('/openai/deployments/embed-prod/embeddings?api-version=2024-10-21');
    expect(server.requests[0]?.json<{ model: string }>().model).toBe('embed-prod');
    expect(Array.from(response?.embeddings[0] ?? [])).toEqual([0.25]);
  });

  it('embeds through hub.embed, with the catalog describing the embedding models', async () => {
    const hub = createHub({
      plugins: [openai({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/v1`, env: {} })],
    });
    try {
      server.route('GET', '/v1/models', { body: fixtures.json('models-list.json') });
      routeEmbeddings(server, '/v1/embeddings', (batch, dimensions) =>
        batch.map(() => new Array(dimensions ?? 1536).fill(0.125)),
      );
      const response = await hub.embed({
        model: 'openai/text-embedding-3-large',
        input: ['a', 'b'],
        dimensions: 256,
      });
      expect(response.embeddings.map((vector) => vector.length)).toEqual([256, 256]);
      const metadata = await hub.providers()[0]?.getMetadata();
      expect(metadata?.models.find((model) => model.id === 'text-embedding-3-large')).toMatchObject({
        capabilities: { embedding: true },
        embedding: { dimensions: 3072, flexibleDimensions: true, maxInputTokens: 8192 },
        pricing: { inputPer1k: 0.00013, outputPer1k: 0 },
      });
    } finally {
      await hub.close();
    }
  });
});
