import { createScriptedServer, type ScriptedReply, type ScriptedServer } from '@hub/testing';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { hashKey } from './security/virtual-keys.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

const CLIENT_KEY = 'gw-test-client-key-0123456789';
const UPSTREAM_KEY = 'sk-proj-upstreamupstreamupstreamupstreamupstream0000';

let primary: ScriptedServer;
let secondary: ScriptedServer;
let gateway: RunningGateway;
let client: OpenAI;

const completionBody = (text: string) => ({
  id: 'chatcmpl-upstream',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: text, refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: {
    prompt_tokens: 9,
    completion_tokens: 3,
    total_tokens: 12,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  },
});
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
const usageChunk = `data: ${JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } })}\n\n`;
const streamReply = (pieces: string[]): ScriptedReply => ({
  frames: [
    chunk({ role: 'assistant', content: '' }),
    ...pieces.map((piece) => chunk({ content: piece })),
    chunk({}, 'stop'),
    usageChunk,
    'data: [DONE]\n\n',
  ],
});
const errorReply = (status: number, type: string, headers: Record<string, string> = {}): ScriptedReply => ({
  status,
  headers,
  body: { error: { message: `upstream ${status}`, type, param: null, code: null } },
});

beforeAll(async () => {
  primary = await createScriptedServer();
  secondary = await createScriptedServer();
  for (const server of [primary, secondary])
    server.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  const env = { UPSTREAM_KEY, CLIENT_KEY };
  const config = validateGatewayConfig(
    {
      server: { port: 0, bodyLimitBytes: 64 * 1024 },
      providers: [
        { type: 'openai', id: 'primary', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${primary.url}/v1` },
        { type: 'openai', id: 'secondary', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${secondary.url}/v1` },
      ],
      routes: { default: ['primary/gpt-4o-mini', 'secondary/gpt-4o-mini'] },
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
      circuitBreaker: false,
      cache: false,
      logging: { level: 'silent' },
      virtualKeys: [{ name: 'tests', keyEnv: 'CLIENT_KEY', models: ['default', 'primary/*', 'secondary/*'] }],
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  client = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close();
  await primary?.close();
  await secondary?.close();
});
afterEach(() => {
  primary.requests.length = 0;
  secondary.requests.length = 0;
});
const chatRequests = (server: ScriptedServer) =>
  server.requests.filter((request) => request.url.endsWith('/chat/completions'));

describe('gateway end to end with the official openai SDK', () => {
  it('answers a chat completion and never forwards the client key upstream', async () => {
    primary.enqueue({ body: completionBody('Hello from upstream') });
    const completion = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello from upstream');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 });
    expect(chatRequests(primary)[0]?.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(JSON.stringify(chatRequests(primary)[0]?.headers)).not.toContain(CLIENT_KEY);
  });

  it('streams a completion chunk by chunk with usage', async () => {
    primary.enqueue(streamReply(['Hel', 'lo', '!']));
    const stream = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null | undefined;
    let usage: unknown;
    for await (const part of stream) {
      text += part.choices[0]?.delta.content ?? '';
      finish = part.choices[0]?.finish_reason ?? finish;
      if (part.usage) usage = part.usage;
    }
    expect(text).toBe('Hello!');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
  });

  it('passes tool calls through in both directions', async () => {
    primary.enqueue({
      body: {
        ...completionBody(''),
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'call_1',
                  type: 'function',
                  function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
                },
              ],
            },
            logprobs: null,
            finish_reason: 'tool_calls',
          },
        ],
      },
    });
    const completion = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({
      id: 'call_1',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
    });
    const sent = chatRequests(primary)[0]?.json<{ tools: unknown[] }>();
    expect(sent?.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ]);
  });

  it('retries an upstream 429 and succeeds', async () => {
    primary.enqueue(errorReply(429, 'requests', { 'retry-after-ms': '5' }), {
      body: completionBody('after retry'),
    });
    const completion = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('after retry');
    expect(chatRequests(primary)).toHaveLength(2);
    expect(chatRequests(secondary)).toHaveLength(0);
  });

  it('falls back to the second provider during an outage of the first', async () => {
    primary.enqueue(
      errorReply(503, 'server_error'),
      errorReply(503, 'server_error'),
      errorReply(503, 'server_error'),
    );
    secondary.enqueue({ body: completionBody('from the backup') });
    const completion = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('from the backup');
    expect(chatRequests(secondary)).toHaveLength(1);
  });

  it('refuses an invalid virtual key with 401', async () => {
    const stranger = new OpenAI({ apiKey: 'not-a-valid-key', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const error = await stranger.chat.completions
      .create({ model: 'default', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
    expect(chatRequests(primary)).toHaveLength(0);
  });

  it('refuses a model outside the key allow-list with 403', async () => {
    const error = await client.chat.completions
      .create({ model: 'other/model', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((thrown: unknown) => thrown);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
  });

  it('refuses an oversize body with 413', async () => {
    const error = await client.chat.completions
      .create({ model: 'default', messages: [{ role: 'user', content: 'x'.repeat(100 * 1024) }] })
      .catch((thrown: unknown) => thrown);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect(chatRequests(primary)).toHaveLength(0);
  });

  it('answers an invalid request with 400 naming the parameter', async () => {
    const error = await client.chat.completions
      .create({ model: 'default', messages: [{ role: 'user', content: 'Hi' }], temperature: 7 })
      .catch((thrown: unknown) => thrown);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    expect((error as InstanceType<typeof OpenAI.APIError>).param).toBe('temperature');
  });

  it('aborts the upstream request when the client disconnects mid-stream', async () => {
    primary.enqueue({
      frames: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'partial' })],
      ending: 'hang',
    });
    const upstreamAborted = primary.nextClientAbort();
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'default', messages: [{ role: 'user', content: 'Hi' }], stream: true },
      { signal: controller.signal },
    );
    const seen: string[] = [];
    // the SDK ends iteration quietly on abort; what matters is that the upstream sees it
    await (async () => {
      for await (const part of stream) {
        seen.push(part.choices[0]?.delta.content ?? '');
        if (part.choices[0]?.delta.content === 'partial') controller.abort();
      }
    })().catch(() => undefined);
    expect(seen).toContain('partial');
    await upstreamAborted;
  });

  it('lists routes and models, and reports health', async () => {
    const models = await client.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toContain('default');
    expect(ids).toContain('primary/gpt-4o-mini');
    const health = await fetch(`${gateway.url}/health`);
    expect([200, 503]).toContain(health.status);
    const metrics = await fetch(`${gateway.url}/metrics`).then((response) => response.text());
    expect(metrics).toContain('llm_hub_requests_total');
    expect(metrics).not.toContain(UPSTREAM_KEY);
    expect(metrics).not.toContain(CLIENT_KEY);
  });
});

describe('virtual keys', () => {
  it('stores keys as sha256 hashes', () => {
    expect(hashKey('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
