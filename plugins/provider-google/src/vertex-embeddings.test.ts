import type { EmbeddingRequest, LLMProvider } from '@hub/core';
import {
  createScriptedServer,
  catchConnectorError as failure,
  type RecordedRequest,
  type ScriptedServer,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVertexProvider } from './create-vertex-provider.js';
import type { VertexEmbeddingPredictRequest } from './gemini-embedding-wire-types.js';
import { inputs, textsOf, vectorFor, vertexPredictReply } from './test-support/embedding-upstream.js';
import { fixtures } from './test-support/fixtures.js';
import { errorReply } from './test-support/gemini-replies.js';
import type { TokenProvider } from './token-provider.js';

const TOKEN = 'ya29.a0AfB_byC-fake-vertex-access-token-0123456789';
const MODELS = '/v1/projects/my-project/locations/us-central1/publishers/google/models';
const fixedToken: TokenProvider = async () => ({ token: TOKEN, expiresAt: Date.now() + 3_600_000 });

describe('vertex embeddings', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;
  const embed = (request: Partial<EmbeddingRequest>, signal?: AbortSignal) =>
    (provider.embed as NonNullable<LLMProvider['embed']>)(
      { model: 'text-embedding-005', input: 'hello', ...request },
      signal === undefined ? {} : { signal },
    );

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

  it('predicts with the publisher model: instances with task_type, outputDimensionality, bearer token, token counts', async () => {
    server.enqueue({ body: fixtures.json('vertex-embedding-predict.json') });
    const response = await embed({
      input: ['What is life?', 'Life is what happens to you.'],
      inputType: 'query',
      dimensions: 4,
    });
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.url).toBe(`${MODELS}/text-embedding-005:predict`);
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent.json()).toEqual({
      instances: [
        { content: 'What is life?', task_type: 'RETRIEVAL_QUERY' },
        { content: 'Life is what happens to you.', task_type: 'RETRIEVAL_QUERY' },
      ],
      parameters: { outputDimensionality: 4 },
    });
    expect(response).toMatchObject({
      provider: 'google-vertex',
      model: 'text-embedding-005',
      usage: { inputTokens: 14 },
    });
    expect(response.embeddings.every((vector) => vector instanceof Float32Array && vector.length === 4)).toBe(
      true,
    );
    const documented = fixtures.json<{ predictions: { embeddings: { values: number[] } }[] }>(
      'vertex-embedding-predict.json',
    ).predictions;
    expect(response.embeddings.map((vector) => Array.from(vector))).toEqual(
      documented.map((prediction) => prediction.embeddings.values.map(Math.fround)),
    );
  });

  it('splits at 250 instances and reassembles in input order, summing token counts', async () => {
    server.setFallback(vertexPredictReply());
    const texts = inputs(600);
    const response = await embed({ input: texts, inputType: 'document' });
    expect(server.requests.map((request) => textsOf(request).length).sort()).toEqual([100, 250, 250]);
    for (const request of server.requests) {
      for (const instance of request.json<VertexEmbeddingPredictRequest>().instances) {
        expect(instance.task_type).toBe('RETRIEVAL_DOCUMENT');
      }
    }
    expect(response.embeddings.map((vector) => Array.from(vector))).toEqual(texts.map(vectorFor));
    expect(response.usage.inputTokens).toBe(texts.reduce((sum, text) => sum + text.length, 0));
  });

  it('keeps each request under the documented 20,000 input tokens', async () => {
    server.setFallback(vertexPredictReply());
    // about 8,000 estimated tokens each: two fit in one request, three do not
    const texts = Array.from({ length: 5 }, (_, index) => `${'word '.repeat(4_800)}input-${index}`);
    const response = await embed({ input: texts });
    expect(server.requests.map((request) => textsOf(request).length).sort()).toEqual([1, 2, 2]);
    expect(response.embeddings.map((vector) => vector[0])).toEqual([0, 1, 2, 3, 4]);
  });

  it('sends gemini-embedding-001 one instance per request, as Vertex AI documents', async () => {
    server.setFallback(vertexPredictReply());
    const texts = inputs(3);
    const response = await embed({ model: 'gemini-embedding-001', input: texts, dimensions: 1536 });
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(request.url).toBe(`${MODELS}/gemini-embedding-001:predict`);
      expect(request.json<VertexEmbeddingPredictRequest>().parameters).toEqual({
        outputDimensionality: 1536,
      });
    }
    expect(response.embeddings.map((vector) => Array.from(vector))).toEqual(texts.map(vectorFor));
  });

  it('merges providerParams: parameters into parameters, the rest into each instance', async () => {
    server.enqueue({ body: fixtures.json('vertex-embedding-predict.json') });
    await embed({
      input: ['a', 'b'],
      providerParams: { 'google-vertex': { parameters: { autoTruncate: false }, title: 'Handbook' } },
    });
    expect((server.requests[0] as RecordedRequest).json()).toEqual({
      instances: [
        { content: 'a', title: 'Handbook' },
        { content: 'b', title: 'Handbook' },
      ],
      parameters: { autoTruncate: false },
    });
  });

  it('rejects dimensions above 768 for text-embedding-005 before any I/O', async () => {
    const error = await failure(embed({ dimensions: 1024 }));
    expect(error).toMatchObject({
      code: 'invalid_request',
      field: 'dimensions',
      providerId: 'google-vertex',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('fails the call when one batch fails, and never leaks the token', async () => {
    // one batch at a time: the first succeeds, the second fails
    server.enqueue(vertexPredictReply(), errorReply('internal'));
    await provider.close?.();
    provider = createVertexProvider(
      {
        project: 'my-project',
        location: 'us-central1',
        tokenProvider: fixedToken,
        baseUrl: `${server.url}/v1`,
        embeddingConcurrency: 1,
      },
      { env: {} },
    );
    const texts = inputs(252);
    const error = await failure(embed({ input: texts }));
    expect(error).toMatchObject({
      code: 'provider',
      status: 500,
      retryable: true,
      providerId: 'google-vertex',
    });
    expect(JSON.stringify(error.toJSON())).not.toContain(TOKEN);
  });

  it('closes the socket and rejects with cancelled when the caller aborts', async () => {
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    server.enqueue(() => arrive());
    const controller = new AbortController();
    const closed = server.nextClientAbort();
    const pending = failure(embed({ input: ['a'] }, controller.signal));
    await arrived;
    controller.abort();
    expect((await pending).code).toBe('cancelled');
    await closed;
  });
});
