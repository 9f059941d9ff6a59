import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { REQUEST_LIMITS } from './wire/request-limits.js';

let gateway: RunningGateway;
let client: OpenAI;
const KEY = 'gw-embeddings-key-0123456789';
const NARROW_KEY = 'gw-embeddings-narrow-0123456789';

beforeAll(async () => {
  const env = { EMBED_KEY: KEY, NARROW_KEY };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'], vectors: ['mock/mock-embed'] },
      // one answer per call: a retried 429 would only make the error tests wait
      retry: false,
      logging: { level: 'silent' },
      virtualKeys: [
        { name: 'all', keyEnv: 'EMBED_KEY' },
        { name: 'narrow', keyEnv: 'NARROW_KEY', models: ['default'] },
      ],
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  client = new OpenAI({ apiKey: KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(() => gateway?.close());

const post = (body: unknown, key = KEY) =>
  fetch(`${gateway.url}/v1/embeddings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const cosine = (a: readonly number[], b: readonly number[]): number =>
  a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);

describe('POST /v1/embeddings through the official openai SDK', () => {
  it('answers float vectors in input order, with usage', async () => {
    const response = await client.embeddings.create({
      model: 'vectors',
      input: ['the cat sat on the mat', 'a cat on a mat', 'quarterly revenue report'],
      encoding_format: 'float',
    });
    expect(response.object).toBe('list');
    expect(response.model).toBe('mock-embed');
    expect(response.data.map((item) => [item.object, item.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
      ['embedding', 2],
    ]);
    const [cat, kitten, revenue] = response.data.map((item) => item.embedding) as [
      number[],
      number[],
      number[],
    ];
    expect(cat).toHaveLength(256);
    expect(Math.hypot(...cat)).toBeCloseTo(1, 5);
    // texts sharing words are closer than unrelated ones (the mock hashes words)
    expect(cosine(cat, kitten)).toBeGreaterThan(cosine(cat, revenue));
    // 22, 14 and 24 characters at four a token
    expect(response.usage).toEqual({ prompt_tokens: 6 + 4 + 6, total_tokens: 16 });
  });

  it('sends base64 when the SDK asks for it by default, decoding to the same vectors', async () => {
    const input = ['the cat sat on the mat', 'quarterly revenue report'];
    const float = await client.embeddings.create({
      model: 'mock/mock-embed',
      input,
      encoding_format: 'float',
    });
    // no encoding_format: the SDK requests base64 and decodes it to numbers itself
    const decoded = await client.embeddings.create({ model: 'mock/mock-embed', input });
    for (const [index, item] of decoded.data.entries()) {
      const expected = float.data[index]?.embedding as number[];
      expect(item.embedding).toHaveLength(expected.length);
      item.embedding.forEach((value, position) => {
        expect(value).toBeCloseTo(expected[position] as number, 7);
      });
    }
  });

  it('answers base64 as little-endian float32 when asked explicitly', async () => {
    const raw = await post({ model: 'mock/mock-embed', input: 'hello world', encoding_format: 'base64' });
    expect(raw.status).toBe(200);
    const body = (await raw.json()) as { data: { embedding: string }[] };
    const bytes = Buffer.from(body.data[0]?.embedding as string, 'base64');
    expect(bytes.byteLength).toBe(256 * 4);
    const vector = Array.from({ length: 256 }, (_, index) => bytes.readFloatLE(index * 4));
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    const float = await client.embeddings.create({
      model: 'mock/mock-embed',
      input: 'hello world',
      encoding_format: 'float',
    });
    expect(vector.map((value) => Math.fround(value))).toEqual(
      (float.data[0]?.embedding ?? []).map((value) => Math.fround(value)),
    );
  });

  it('honours dimensions, and refuses a length the model cannot produce naming the field', async () => {
    const short = await client.embeddings.create({
      model: 'vectors',
      input: 'hello',
      dimensions: 64,
      encoding_format: 'float',
    });
    expect(short.data[0]?.embedding).toHaveLength(64);
    const error = await client.embeddings
      .create({ model: 'vectors', input: 'hello', dimensions: 1024 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, param: 'dimensions', type: 'invalid_request_error' });
  });
});

describe('POST /v1/embeddings validation, before any upstream call', () => {
  it.each([
    ['model', { input: 'x' }],
    ['input', { model: 'vectors' }],
    ['input', { model: 'vectors', input: 5 }],
    ['input', { model: 'vectors', input: '' }],
    ['input', { model: 'vectors', input: [] }],
    ['input[1]', { model: 'vectors', input: ['a', ''] }],
    ['input[1]', { model: 'vectors', input: ['a', 7] }],
    ['dimensions', { model: 'vectors', input: 'x', dimensions: 0 }],
    ['dimensions', { model: 'vectors', input: 'x', dimensions: 1.5 }],
    ['encoding_format', { model: 'vectors', input: 'x', encoding_format: 'int8' }],
    ['user', { model: 'vectors', input: 'x', user: 5 }],
    ['input_type', { model: 'vectors', input: 'x', input_type: 'classification' }],
  ])('answers 400 naming %s', async (param, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', param } });
  });

  it('refuses token arrays with a 400 that says to send text', async () => {
    for (const [input, param] of [
      [[1, 2, 3], 'input'],
      [[[1, 2], [3]], 'input[0]'],
    ] as const) {
      const response = await post({ model: 'vectors', input });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { param: string; message: string } };
      expect(body.error.param).toBe(param);
      expect(body.error.message).toMatch(/token array.*text/);
    }
  });

  it('bounds the number of inputs (413) and the length of each (400), naming the limit', async () => {
    const many = await post({
      model: 'vectors',
      input: Array(REQUEST_LIMITS.maxEmbeddingInputs + 1).fill('x'),
    });
    expect(many.status).toBe(413);
    expect(await many.json()).toMatchObject({ error: { param: 'input', code: 'request_too_large' } });
    const long = await post({
      model: 'vectors',
      input: ['ok', 'x'.repeat(REQUEST_LIMITS.maxEmbeddingInputLength + 1)],
    });
    expect(long.status).toBe(400);
    const body = (await long.json()) as { error: { param: string; message: string } };
    expect(body.error.param).toBe('input[1]');
    expect(body.error.message).toContain('maxEmbeddingInputLength');
  });
});

describe('POST /v1/embeddings policy and errors', () => {
  it('applies the key’s model allow-list', async () => {
    const response = await post({ model: 'vectors', input: 'x' }, NARROW_KEY);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { type: 'permission_error', param: 'model' } });
    expect((await post({ model: 'vectors', input: 'x' }, 'wrong-key')).status).toBe(401);
  });

  it('answers an upstream rate limit as a 429 with retry-after, in OpenAI’s shape', async () => {
    const response = await post({ model: 'mock/mock-error-429', input: 'x' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit' } });
  });

  it('counts and bills embeddings in the Prometheus metrics as their own operation', async () => {
    await client.embeddings.create({ model: 'vectors', input: 'metrics please', encoding_format: 'float' });
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(
      /llm_hub_requests_total\{[^}]*operation="embed"[^}]*outcome="success"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(/llm_hub_tokens_total\{[^}]*operation="embed"[^}]*type="input"[^}]*\} [1-9]/);
    // mock-embed has a price, so cost tracking bills embeddings too
    expect(metrics).toMatch(/llm_hub_cost_usd_total\{[^}]*operation="embed"[^}]*\} [0-9.e-]*[1-9]/);
  });

  it('answers a repeated embedding from the cache', async () => {
    const request = { model: 'vectors', input: ['cache me', 'and me'], encoding_format: 'float' as const };
    const first = await client.embeddings.create(request);
    const second = await client.embeddings.create(request);
    expect(second.data).toEqual(first.data);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(
      /llm_hub_cache_lookups_total\{[^}]*operation="embed"[^}]*result="hit"[^}]*\} [1-9]/,
    );
  });

  it('answers a wrong method and unknown fields the OpenAI way', async () => {
    const wrong = await fetch(`${gateway.url}/v1/embeddings`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    const extra = await post({ model: 'vectors', input: 'x', something_new: true });
    expect(extra.status).toBe(200);
  });
});
