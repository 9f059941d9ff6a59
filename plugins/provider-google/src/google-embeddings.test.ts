import type { EmbeddingRequest, LLMProvider } from '@hub/core';
import {
  createScriptedServer,
  catchConnectorError as failure,
  neverAnswers,
  type RecordedRequest,
  type ScriptedServer,
  settleWithClock,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoogleProvider } from './create-google-provider.js';
import type {
  GeminiBatchEmbedContentsRequest,
  GeminiEmbedContentRequest,
} from './gemini-embedding-wire-types.js';
import { geminiEmbeddingReply, inputs, textsOf, vectorFor } from './test-support/embedding-upstream.js';
import { fixtures } from './test-support/fixtures.js';
import { errorReply, rateLimitReply } from './test-support/gemini-replies.js';

const API_KEY = 'AIzaSyD-test-key-0123456789abcdefghijklm';
const MODEL_PATH = '/v1beta/models/gemini-embedding-001';

describe('google embeddings', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;
  const embed = (request: Partial<EmbeddingRequest>, signal?: AbortSignal) =>
    (provider.embed as NonNullable<LLMProvider['embed']>)(
      { model: 'gemini-embedding-001', input: 'hello', ...request },
      signal === undefined ? {} : { signal },
    );

  beforeEach(async () => {
    server = await createScriptedServer();
    provider = createGoogleProvider({ apiKey: API_KEY, baseUrl: `${server.url}/v1beta` }, {});
  });

  afterEach(async () => {
    await provider.close?.();
    await server.close();
  });

  it('embeds one input with embedContent: task type, dimensions, key header, Float32Array', async () => {
    server.enqueue({ body: fixtures.json('embed-content.json') });
    const response = await embed({
      input: 'What is the meaning of life?',
      inputType: 'query',
      dimensions: 8,
    });
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.url).toBe(`${MODEL_PATH}:embedContent`);
    expect(sent.headers['x-goog-api-key']).toBe(API_KEY);
    expect(sent.json()).toEqual({
      content: { parts: [{ text: 'What is the meaning of life?' }] },
      taskType: 'RETRIEVAL_QUERY',
      outputDimensionality: 8,
    });
    expect(response.provider).toBe('google');
    expect(response.model).toBe('gemini-embedding-001');
    expect(response.embeddings).toHaveLength(1);
    expect(response.embeddings[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(response.embeddings[0] as Float32Array)).toEqual(
      fixtures
        .json<{ embedding: { values: number[] } }>('embed-content.json')
        .embedding.values.map(Math.fround),
    );
    // the Gemini API reports no token counts for embeddings
    expect(response.usage).toEqual({ inputTokens: 0 });
  });

  it('embeds several inputs with batchEmbedContents, each request naming the model', async () => {
    server.enqueue({ body: fixtures.json('batch-embed-contents.json') });
    const response = await embed({ input: ['first', 'second'], inputType: 'document' });
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.url).toBe(`${MODEL_PATH}:batchEmbedContents`);
    expect(sent.json<GeminiBatchEmbedContentsRequest>()).toEqual({
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'first' }] },
          taskType: 'RETRIEVAL_DOCUMENT',
        },
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'second' }] },
          taskType: 'RETRIEVAL_DOCUMENT',
        },
      ],
    });
    expect(response.embeddings.map((vector) => vector.length)).toEqual([4, 4]);
  });

  it('splits above 100 inputs and reassembles the vectors in input order, whatever order batches finish in', async () => {
    // the first batch is answered only after the other two, so completion order is 2, 3, 1
    let answered = 0;
    let releaseFirst!: () => void;
    const firstMayAnswer = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    server.setFallback(
      geminiEmbeddingReply(async (request) => {
        if (textsOf(request)[0] === 'input-0') await firstMayAnswer;
        else if (++answered === 2) releaseFirst();
      }),
    );
    const texts = inputs(250);
    const response = await embed({ input: texts, dimensions: 768 });
    expect(server.requests.map((request) => textsOf(request).length).sort()).toEqual([100, 100, 50]);
    expect(server.requests.every((request) => request.url === `${MODEL_PATH}:batchEmbedContents`)).toBe(true);
    for (const request of server.requests) {
      for (const entry of request.json<GeminiBatchEmbedContentsRequest>().requests) {
        expect(entry).toMatchObject({ model: 'models/gemini-embedding-001', outputDimensionality: 768 });
      }
    }
    expect(response.embeddings.map((vector) => Array.from(vector))).toEqual(texts.map(vectorFor));
  });

  it('sends a last batch of one input to embedContent', async () => {
    server.setFallback(geminiEmbeddingReply());
    const texts = inputs(101);
    const response = await embed({ input: texts });
    expect(server.requests.map((request) => request.url).sort()).toEqual([
      `${MODEL_PATH}:batchEmbedContents`,
      `${MODEL_PATH}:embedContent`,
    ]);
    expect(response.embeddings.map((vector) => Array.from(vector))).toEqual(texts.map(vectorFor));
  });

  it('keeps at most embeddingConcurrency batches in flight', async () => {
    await provider.close?.();
    provider = createGoogleProvider(
      { apiKey: API_KEY, baseUrl: `${server.url}/v1beta`, embeddingConcurrency: 2 },
      {},
    );
    let inFlight = 0;
    let most = 0;
    // the first batch waits for the second: it can only finish if two run at once
    let releaseFirst!: () => void;
    const firstMayAnswer = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const reply = geminiEmbeddingReply(async (request) => {
      most = Math.max(most, ++inFlight);
      if (textsOf(request)[0] === 'input-0') await firstMayAnswer;
      else releaseFirst();
      inFlight--;
    });
    server.setFallback(reply);
    const texts = inputs(450);
    const response = await embed({ input: texts });
    expect(server.requests).toHaveLength(5);
    expect(most).toBe(2);
    expect(response.embeddings.map((vector) => vector[0])).toEqual(texts.map((_, index) => index));
  });

  it('rejects dimensions the model cannot produce, naming the field, before any I/O', async () => {
    const error = await failure(embed({ dimensions: 4096 }));
    expect(error).toMatchObject({ code: 'invalid_request', field: 'dimensions', providerId: 'google' });
    expect(error.message).toContain('at most 3072');
    expect(server.requests).toHaveLength(0);
  });

  it('fails the whole call with a classified 429 when one batch is rate limited, closing the others', async () => {
    // batch 1 hangs until the client gives up on it; batch 2 is rate limited
    server.route('POST', `${MODEL_PATH}:batchEmbedContents`, (request, response) => {
      if (textsOf(request)[0] === 'input-0') return; // never answered
      response.writeHead(429, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          error: {
            code: 429,
            message: 'Resource has been exhausted (e.g. check quota).',
            status: 'RESOURCE_EXHAUSTED',
            details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' }],
          },
        }),
      );
    });
    const closed = server.nextClientAbort();
    const error = await failure(embed({ input: inputs(150) }));
    expect(error).toMatchObject({
      code: 'rate_limit',
      retryable: true,
      retryAfterMs: 12_000,
      status: 429,
      providerId: 'google',
    });
    await closed;
    expect(error.message).not.toContain(API_KEY);
  });

  it.each([
    ['internal', 'provider', 500],
    ['unavailable', 'provider', 503],
    ['overloaded', 'overloaded', 503],
  ])('classifies a %s failure of a batch as %s', async (fixture, code, status) => {
    server.enqueue(errorReply(fixture));
    const error = await failure(embed({ input: ['a', 'b'] }));
    expect(error).toMatchObject({ code, status, retryable: true, providerId: 'google' });
  });

  it('classifies a rate-limited single embedContent call', async () => {
    server.enqueue(rateLimitReply(3));
    expect(await failure(embed({}))).toMatchObject({ code: 'rate_limit', retryAfterMs: 3000 });
  });

  it('closes the socket and rejects with cancelled when the caller aborts mid-call', async () => {
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    server.enqueue(() => arrive());
    const controller = new AbortController();
    const closed = server.nextClientAbort();
    const pending = failure(embed({ input: ['a', 'b'] }, controller.signal));
    await arrived;
    controller.abort();
    expect((await pending).code).toBe('cancelled');
    await closed;
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(embed({ input: inputs(3) }, controller.signal))).code).toBe('cancelled');
    expect(server.requests).toHaveLength(0);
  });

  it('reports a response without one vector per input as a parse error', async () => {
    server.enqueue({ body: { embeddings: [{ values: [0.1, 0.2] }] } });
    const error = await failure(embed({ input: ['a', 'b'] }));
    expect(error).toMatchObject({ code: 'parse', providerId: 'google', model: 'gemini-embedding-001' });
  });

  it('merges providerParams.google into every request (title, another task type)', async () => {
    server.enqueue({ body: fixtures.json('batch-embed-contents.json') });
    await embed({
      input: ['a', 'b'],
      inputType: 'document',
      providerParams: { google: { title: 'Handbook' }, openai: { encoding_format: 'base64' } },
    });
    const entries = (server.requests[0] as RecordedRequest).json<GeminiBatchEmbedContentsRequest>().requests;
    expect(entries.map((entry: GeminiEmbedContentRequest & { title?: string }) => entry.title)).toEqual([
      'Handbook',
      'Handbook',
    ]);
    expect(JSON.stringify(entries)).not.toContain('encoding_format');
  });

  it('sends the call headers with every batch', async () => {
    server.setFallback(geminiEmbeddingReply());
    await (provider.embed as NonNullable<LLMProvider['embed']>)(
      { model: 'gemini-embedding-001', input: inputs(150) },
      { headers: { 'x-goog-user-project': 'billing-project' } },
    );
    expect(server.requests.map((request) => request.headers['x-goog-user-project'])).toEqual([
      'billing-project',
      'billing-project',
    ]);
  });

  // Fake timers move only once the batch reached the server, so the machine's load never decides
  // which limit fires; the socket is real and must close.
  describe('deadlines', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('gives each batch the first-byte limit, failing the call with timeout and closing the socket', async () => {
      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      const closed = server.nextClientAbort();
      const pending = failure(
        (provider.embed as NonNullable<LLMProvider['embed']>)(
          { model: 'gemini-embedding-001', input: ['a', 'b'] },
          { firstByteTimeoutMs: 200 },
        ),
      );
      await upstream.arrived;
      vi.advanceTimersByTime(200);
      const error = await pending;
      expect(error.code).toBe('timeout');
      expect(error.message).toBe('No response headers within 200 ms');
      await closed;
    });

    it('bounds the whole call by timeoutMs, across batches', async () => {
      const upstream = neverAnswers();
      server.enqueue(upstream.reply);
      const closed = server.nextClientAbort();
      const pending = failure(
        (provider.embed as NonNullable<LLMProvider['embed']>)(
          { model: 'gemini-embedding-001', input: ['a', 'b'] },
          { timeoutMs: 1_000 },
        ),
      );
      await upstream.arrived;
      const error = await settleWithClock(pending, 100);
      expect(error.code).toBe('timeout');
      expect(error.message).toBe('The request did not complete within 1000 ms');
      await closed;
    });
  });
});
