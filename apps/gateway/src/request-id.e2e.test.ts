import { Writable } from 'node:stream';
import { createScriptedServer, type ScriptedServer } from '@hub/testing';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { MAX_REQUEST_ID_LENGTH } from './server/request-id.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

let upstream: ScriptedServer;
let gateway: RunningGateway;
const logLines: string[] = [];

const completion = {
  id: 'chatcmpl-up',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'ok' }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

beforeAll(async () => {
  upstream = await createScriptedServer();
  upstream.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  upstream.setFallback({ body: completion });
  const env = { UPSTREAM_KEY: 'sk-test-upstream' };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'openai', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${upstream.url}/v1` }],
      routes: { default: ['openai/gpt-4o-mini'] },
      cache: false,
    },
    env,
  );
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  gateway = await startGateway({ config, env, logger: pino({ level: 'info' }, sink) });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});
afterEach(() => {
  upstream.requests.length = 0;
  logLines.length = 0;
});

const call = (requestId: string) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'Hi' }] }),
  });
const forwardedId = () =>
  upstream.requests.find((request) => request.url.endsWith('/chat/completions'))?.headers[
    'x-client-request-id'
  ];

describe('x-request-id', () => {
  it('forwards, logs and echoes a well-formed id unchanged', async () => {
    const response = await call('trace-7f3a:span_01.b');
    expect(response.status).toBe(200);
    expect(forwardedId()).toBe('trace-7f3a:span_01.b');
    expect(response.headers.get('x-request-id')).toBe('trace-7f3a:span_01.b');
    expect(logLines.join('')).toContain('trace-7f3a:span_01.b');
  });

  it.each([
    ['too long', 'a'.repeat(10_000)],
    ['one past the bound', 'b'.repeat(MAX_REQUEST_ID_LENGTH + 1)],
    ['unsafe characters', 'id"}\\u001b[31m<script>'],
    ['spaces', 'id with spaces'],
  ])('replaces an id that is %s with a fresh one, forwarded and logged instead', async (_case, requestId) => {
    const response = await call(requestId);
    expect(response.status).toBe(200);
    const forwarded = forwardedId();
    expect(forwarded).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-request-id')).toBe(forwarded);
    const logs = logLines.join('');
    expect(logs).toContain(forwarded);
    expect(logs).not.toContain(requestId);
  });

  it('keeps an id exactly at the bound', async () => {
    const requestId = 'c'.repeat(MAX_REQUEST_ID_LENGTH);
    await call(requestId);
    expect(forwardedId()).toBe(requestId);
  });

  it('echoes the id on refusals raised before the route runs', async () => {
    // found by the chaos suite: bad JSON and nesting past the bound answered without an id
    const refusals = [
      { path: '/v1/chat/completions', body: '{"model": ' },
      {
        path: '/v1/chat/completions',
        body: `{"model":"default","messages":${'['.repeat(100)}${']'.repeat(100)}}`,
      },
      { path: '/v1/messages', body: '{"model": ' },
      { path: '/v1/no-such-route', body: '{}' },
    ];
    for (const [index, refusal] of refusals.entries()) {
      const requestId = `refused-${index}`;
      const response = await fetch(`${gateway.url}${refusal.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: refusal.body,
      });
      expect(response.status, refusal.path).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('x-request-id'), refusal.body).toBe(requestId);
    }
    const unsafe = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'x'.repeat(10_000) },
      body: '{"model": ',
    });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
