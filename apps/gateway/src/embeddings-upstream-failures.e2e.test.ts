import { createScriptedServer, type ScriptedServer } from '@hub/testing';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// the scripted upstreams and documented error bodies the provider packages test against
import {
  geminiEmbeddingReply,
  textsOf,
} from '../../../plugins/provider-google/src/test-support/embedding-upstream.js';
import { fixtures as googleFixtures } from '../../../plugins/provider-google/src/test-support/fixtures.js';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

// What a client of POST /v1/embeddings sees when a real provider's upstream fails part-way or
// the client leaves: a typed error in OpenAI's shape, never a partial list; a closed upstream.

let gemini: ScriptedServer;
let openaiUpstream: ScriptedServer;
let gateway: RunningGateway;
let client: OpenAI;

const inputs = (count: number): string[] => Array.from({ length: count }, (_, index) => `input-${index}`);
const serverError = {
  status: 500,
  body: {
    error: {
      message: 'The server had an error processing your request.',
      type: 'server_error',
      param: null,
      code: null,
    },
  },
};
const posts = (server: ScriptedServer) => server.requests.filter((request) => request.method === 'POST');

beforeAll(async () => {
  gemini = await createScriptedServer();
  gemini.route('GET', '/v1beta/models', { body: { models: [] } });
  openaiUpstream = await createScriptedServer();
  openaiUpstream.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  const env = { GOOGLE_KEY: 'google-failures-key-0123456789', OPENAI_KEY: 'sk-test-failures-upstream' };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [
        { type: 'google', apiKeyEnv: 'GOOGLE_KEY', baseUrl: `${gemini.url}/v1beta` },
        { type: 'openai', apiKeyEnv: 'OPENAI_KEY', baseUrl: `${openaiUpstream.url}/v1` },
        // Anthropic has no embeddings API: its models must be refused before any upstream call
        { type: 'anthropic', apiKeyEnv: 'OPENAI_KEY', baseUrl: `${openaiUpstream.url}/anthropic` },
      ],
      // OpenAI's vectors are 1,536 long, Gemini's 3,072: the same length only when asked for one
      routes: { mixed: ['openai/text-embedding-3-small', 'google/gemini-embedding-001'] },
      // the upstream's answer reaches the client as it is: no retry, no cache (fallback stays on)
      retry: false,
      cache: false,
      logging: { level: 'silent' },
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  client = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close();
  await gemini?.close();
  await openaiUpstream?.close();
});

describe('POST /v1/embeddings when the upstream fails', () => {
  it('fails the whole call with a 429 and its retry-after when one of two Gemini batches is rate limited', async () => {
    const { rateLimit } =
      googleFixtures.json<Record<'rateLimit', { status: number; body: object }>>('errors.json');
    // whichever batch arrives first is answered, the other refused
    gemini.enqueue(geminiEmbeddingReply(), rateLimit);
    const error = await client.embeddings
      .create({ model: 'google/gemini-embedding-001', input: inputs(150), encoding_format: 'float' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const limitedError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(limitedError.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit' });
    // the documented RetryInfo says 30s
    expect(limitedError.headers.get('retry-after')).toBe('30');
    const sent = posts(gemini);
    expect(sent.map((request) => textsOf(request).length).sort((a, b) => b - a)).toEqual([100, 50]);
  });

  it('answers an upstream 500 as a server error in OpenAI’s shape', async () => {
    openaiUpstream.enqueue(serverError);
    const error = await client.embeddings
      .create({ model: 'openai/text-embedding-3-small', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBeGreaterThanOrEqual(500);
  });

  it('closes the upstream request when the client leaves', async () => {
    // an upstream that never answers
    openaiUpstream.enqueue(() => {});
    const upstreamClosed = openaiUpstream.nextClientAbort();
    const before = posts(openaiUpstream).length;
    const controller = new AbortController();
    const pending = fetch(`${gateway.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/text-embedding-3-small', input: ['a', 'b'] }),
      signal: controller.signal,
    }).catch((caught: unknown) => caught);
    // leave once the upstream holds the request
    while (posts(openaiUpstream).length === before) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    await upstreamClosed;
  });

  it('refuses a model whose provider does not embed, naming the field, before any upstream call', async () => {
    const before = openaiUpstream.requests.length;
    const response = await fetch(`${gateway.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'anthropic/claude-sonnet-4-5', input: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: 'model', code: 'unsupported' },
    });
    expect(openaiUpstream.requests.slice(before).filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('falls back only to a target whose vectors have the same length', async () => {
    const geminiBefore = posts(gemini).length;
    // no length asked: the targets' vectors differ, so OpenAI's failure is the answer
    openaiUpstream.enqueue(serverError);
    const unplanned = await client.embeddings
      .create({ model: 'mixed', input: ['a', 'b'] })
      .catch((caught: unknown) => caught);
    expect(unplanned).toBeInstanceOf(OpenAI.InternalServerError);
    expect(posts(gemini).length).toBe(geminiBefore);

    // 8 asked: both targets make 8, so Gemini answers in OpenAI's place
    openaiUpstream.enqueue(serverError);
    gemini.enqueue((request, response) => {
      const body = request.json<{ requests: { outputDimensionality?: number }[] }>();
      const vectors = textsOf(request).map((text, index) => ({
        values: Array.from({ length: body.requests[index]?.outputDimensionality ?? 3072 }, () => text.length),
      }));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ embeddings: vectors }));
    });
    const fallen = await client.embeddings.create({
      model: 'mixed',
      input: ['a', 'bb'],
      dimensions: 8,
      encoding_format: 'float',
    });
    expect(fallen.model).toBe('gemini-embedding-001');
    expect(fallen.data.map((item) => item.embedding)).toEqual([Array(8).fill(1), Array(8).fill(2)]);
  });
});
