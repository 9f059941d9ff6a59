import Anthropic from '@anthropic-ai/sdk';
import { createScriptedServer, type ScriptedServer } from '@hub/testing';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

const CLIENT_KEY = 'gw-test-client-key-anthropic-0123';
const UPSTREAM_KEY = 'sk-proj-upstreamupstreamupstreamupstreamupstream1111';

let upstream: ScriptedServer;
let gateway: RunningGateway;
let client: Anthropic;

const usage = { prompt_tokens: 11, completion_tokens: 4, total_tokens: 15 };
const completion = (message: Record<string, unknown>, finishReason: string) => ({
  id: 'chatcmpl-upstream',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    { index: 0, message: { role: 'assistant', ...message }, logprobs: null, finish_reason: finishReason },
  ],
  usage,
});
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
const usageChunk = `data: ${JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } })}\n\n`;
const toolCallDelta = (index: number, fields: Record<string, unknown>) =>
  chunk({ tool_calls: [{ index, ...fields }] });

const chatRequests = () => upstream.requests.filter((request) => request.url.endsWith('/chat/completions'));
const post = (body: unknown, headers: Record<string, string> = { 'x-api-key': CLIENT_KEY }) =>
  fetch(`${gateway.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
    body: JSON.stringify(body),
  });

/** Splits an SSE body into `{ event, data }` frames, checking each frame's `type` matches its event. */
function readEvents(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const event = /^event: (.+)$/m.exec(frame)?.[1] as string;
      const data = JSON.parse(/^data: (.+)$/m.exec(frame)?.[1] as string) as Record<string, unknown>;
      expect(data.type).toBe(event);
      return { event, data };
    });
}

beforeAll(async () => {
  upstream = await createScriptedServer();
  upstream.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  const env = { UPSTREAM_KEY, CLIENT_KEY };
  const config = validateGatewayConfig(
    {
      server: { port: 0, bodyLimitBytes: 64 * 1024 },
      providers: [
        { type: 'openai', id: 'primary', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${upstream.url}/v1` },
      ],
      routes: { default: ['primary/gpt-4o-mini'] },
      retry: false,
      fallback: false,
      circuitBreaker: false,
      cache: false,
      logging: { level: 'silent' },
      virtualKeys: [{ name: 'tests', keyEnv: 'CLIENT_KEY', models: ['default', 'primary/*'] }],
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  client = new Anthropic({ apiKey: CLIENT_KEY, baseURL: gateway.url, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});
afterEach(() => {
  upstream.requests.length = 0;
});

describe('POST /v1/messages with the official @anthropic-ai/sdk', () => {
  it('answers a text message in Anthropic’s shape and maps the request fields', async () => {
    upstream.enqueue({ body: completion({ content: 'Bonjour!', refusal: null }, 'stop') });
    const message = await client.messages.create({
      model: 'default',
      max_tokens: 64,
      system: [{ type: 'text', text: 'Answer in French.' }],
      messages: [{ role: 'user', content: 'Hello' }],
      stop_sequences: ['END'],
      metadata: { user_id: 'user-7' },
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      // the answering target, as a stream's message_start names it (not the upstream's snapshot id)
      model: 'primary/gpt-4o-mini',
      content: [{ type: 'text', text: 'Bonjour!' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 11, output_tokens: 4 },
    });
    expect(message.id).toMatch(/^msg_/);
    const sent = chatRequests()[0];
    expect(sent?.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(JSON.stringify(sent?.headers)).not.toContain(CLIENT_KEY);
    expect(sent?.json()).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Hello' },
      ],
      max_tokens: 64,
      stop: ['END'],
      user: 'user-7',
    });
  });

  it('round-trips a tool call: tool_use in the answer, tool_result back as a tool message', async () => {
    const tools = [
      {
        name: 'get_weather',
        description: 'Current weather',
        input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } },
      },
    ];
    upstream.enqueue({
      body: completion(
        {
          content: 'Let me check.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        'tool_calls',
      ),
    });
    const first = await client.messages.create({
      model: 'default',
      max_tokens: 64,
      tools,
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(chatRequests()[0]?.json()).toMatchObject({
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather',
            parameters: tools[0]?.input_schema,
          },
        },
      ],
      tool_choice: 'required',
    });

    upstream.enqueue({ body: completion({ content: 'It is sunny in Paris.', refusal: null }, 'stop') });
    const second = await client.messages.create({
      model: 'default',
      max_tokens: 64,
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: '22°C, sunny' }] },
            { type: 'text', text: 'Short answer please.' },
          ],
        },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'It is sunny in Paris.' }]);
    const sent = chatRequests()[1]?.json<{ messages: unknown[] }>();
    expect(sent?.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: 'Let me check.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '22°C, sunny' },
      { role: 'user', content: [{ type: 'text', text: 'Short answer please.' }] },
    ]);
  });

  it('streams through the SDK’s message stream helper', async () => {
    upstream.enqueue({
      frames: [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hi ' }),
        chunk({ content: 'there' }),
        chunk({}, 'stop'),
        usageChunk,
        'data: [DONE]\n\n',
      ],
    });
    const stream = client.messages.stream({
      model: 'default',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    const final = await stream.finalMessage();
    expect(final.content).toHaveLength(1);
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'Hi there' });
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage).toMatchObject({ input_tokens: 5, output_tokens: 7 });
  });

  it('refuses an invalid key with 401 authentication_error', async () => {
    const stranger = new Anthropic({ apiKey: 'not-a-valid-key', baseURL: gateway.url, maxRetries: 0 });
    const error = await stranger.messages
      .create({ model: 'default', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(401);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'Invalid API key.' },
    });
    expect(chatRequests()).toHaveLength(0);
  });
});

describe('POST /v1/messages over raw HTTP', () => {
  it('streams the exact Anthropic event sequence, with text and tool_use blocks', async () => {
    upstream.enqueue({
      frames: [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Checking' }),
        chunk({ content: ' now.' }),
        toolCallDelta(0, {
          id: 'call_a',
          type: 'function',
          function: { name: 'get_weather', arguments: '' },
        }),
        toolCallDelta(0, { function: { arguments: '{"city":' } }),
        toolCallDelta(0, { function: { arguments: '"Paris"}' } }),
        toolCallDelta(1, { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }),
        chunk({}, 'tool_calls'),
        usageChunk,
        'data: [DONE]\n\n',
      ],
    });
    const response = await post({
      model: 'default',
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = readEvents(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]?.data.message).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [],
      // the answering target, as the non-streamed answer names it
      model: 'primary/gpt-4o-mini',
    });
    const text = events
      .filter((event) => (event.data.delta as { type?: string } | undefined)?.type === 'text_delta')
      .map((event) => (event.data.delta as { text: string }).text)
      .join('');
    expect(text).toBe('Checking now.');
    expect(events[5]?.data).toEqual({
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'call_a', name: 'get_weather', input: {} },
    });
    const firstToolJson = events
      .filter((event) => event.data.index === 1 && event.event === 'content_block_delta')
      .map((event) => (event.data.delta as { partial_json: string }).partial_json)
      .join('');
    expect(JSON.parse(firstToolJson)).toEqual({ city: 'Paris' });
    expect(events[9]?.data.content_block).toMatchObject({ type: 'tool_use', id: 'call_b', name: 'get_time' });
    expect(events[12]?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 5, output_tokens: 7 },
    });
  });

  it('answers a failure before the first chunk with its status, in Anthropic’s shape', async () => {
    upstream.enqueue({
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { message: 'slow down', type: 'requests', param: null, code: null } },
    });
    const response = await post({
      model: 'default',
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('reports a mid-stream failure as an error event', async () => {
    upstream.enqueue({
      frames: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'partial' })],
      ending: 'destroy',
    });
    const response = await post({
      model: 'default',
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(response.status).toBe(200);
    const events = readEvents(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'error',
    ]);
    expect(events[3]?.data).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });

  it('answers an invalid request with 400 invalid_request_error naming the field', async () => {
    const missing = await post({ model: 'default', messages: [{ role: 'user', content: 'Hi' }] });
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toContain('max_tokens');

    const badBlock = await post({
      model: 'default',
      max_tokens: 16,
      messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }],
    });
    expect(badBlock.status).toBe(400);
    expect(((await badBlock.json()) as { error: { message: string } }).error.message).toContain(
      'messages.0.content.0.tool_use_id',
    );
    expect(chatRequests()).toHaveLength(0);
  });

  it('accepts the key as Authorization: Bearer and refuses models outside the allow-list with 403', async () => {
    const response = await post(
      { model: 'other/model', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] },
      { authorization: `Bearer ${CLIENT_KEY}` },
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
  });

  it('answers malformed JSON and missing keys in Anthropic’s shape', async () => {
    const malformed = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY },
      body: '{"model":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const anonymous = await post({ model: 'default', max_tokens: 16, messages: [] }, {});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('aborts the upstream request when the client disconnects mid-stream', async () => {
    upstream.enqueue({
      frames: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'partial' })],
      ending: 'hang',
    });
    const upstreamAborted = upstream.nextClientAbort();
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY },
      body: JSON.stringify({
        model: 'default',
        max_tokens: 16,
        stream: true,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let seen = '';
    while (!seen.includes('partial')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    expect(seen).toContain('partial');
    controller.abort();
    await reader.cancel().catch(() => undefined);
    await upstreamAborted;
  });
});
