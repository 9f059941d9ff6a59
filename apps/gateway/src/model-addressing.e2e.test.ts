import { createScriptedServer, type ScriptedServer } from '@hub/testing';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

// two providers, so a bare model id is ambiguous by address and resolved by the catalogs
let upstream: ScriptedServer;
let gateway: RunningGateway;
let client: OpenAI;

const completion = {
  id: 'chatcmpl-upstream',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hi!', refusal: null }, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
};
const frame = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

beforeAll(async () => {
  upstream = await createScriptedServer();
  upstream.route('GET', '/v1/models', {
    body: { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'system' }] },
  });
  const env = { UPSTREAM_KEY: 'sk-upstream-key-for-tests' };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [
        { type: 'openai', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${upstream.url}/v1` },
        { type: 'mock' },
      ],
      routes: { default: ['openai/gpt-4o-mini'] },
      retry: false,
      cache: false,
      logging: { level: 'silent' },
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  client = new OpenAI({ apiKey: 'none', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

describe('model ids at the gateway', () => {
  it('resolves a bare id that one provider lists, and names the provider that answered', async () => {
    upstream.enqueue({ body: completion });
    const answer = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(answer.choices[0]?.message.content).toBe('Hi!');
    expect(answer.model).toBe('openai/gpt-4o-mini');
    const sent = upstream.requests.filter((request) => request.url.endsWith('/chat/completions')).at(-1);
    expect(JSON.parse(sent?.body ?? '{}').model).toBe('gpt-4o-mini');

    const mocked = await client.chat.completions.create({
      model: 'mock-1',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(mocked.model).toBe('mock/mock-1');
  });

  it('names the same model in every streamed chunk as in the non-streamed answer', async () => {
    upstream.enqueue({ body: completion });
    const plain = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    upstream.enqueue({
      frames: [
        frame({ role: 'assistant', content: '' }),
        frame({ content: 'Hi!' }),
        frame({}, 'stop'),
        'data: [DONE]\n\n',
      ],
    });
    const stream = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
    });
    const models = new Set<string>();
    for await (const chunk of stream) models.add(chunk.model);
    expect(plain.model).toBe('openai/gpt-4o-mini');
    expect([...models]).toEqual([plain.model]);
  });

  it('answers GET /v1/models/{id} for routes, provider/model and bare ids, in OpenAI’s shape', async () => {
    await expect(client.models.retrieve('default')).resolves.toMatchObject({
      id: 'default',
      object: 'model',
      owned_by: 'hub-route',
    });
    await expect(client.models.retrieve('openai/gpt-4o-mini')).resolves.toMatchObject({
      id: 'openai/gpt-4o-mini',
      owned_by: 'openai',
    });
    await expect(client.models.retrieve('gpt-4o-mini')).resolves.toMatchObject({
      id: 'gpt-4o-mini',
      object: 'model',
      owned_by: 'openai',
    });
    const raw = await fetch(`${gateway.url}/v1/models/mock/mock-1`);
    expect(await raw.json()).toMatchObject({ id: 'mock/mock-1', owned_by: 'mock' });
  });

  it('answers an unknown model id with a 404 in OpenAI’s error shape', async () => {
    const failure = await client.models.retrieve('no-such-model').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.NotFoundError);
    const response = await fetch(`${gateway.url}/v1/models/no-such-model`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining("'no-such-model' does not exist"),
        type: 'invalid_request_error',
        param: 'model',
        code: 'not_found',
      },
    });
  });
});
