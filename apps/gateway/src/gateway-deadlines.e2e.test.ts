import { createScriptedServer, type ScriptedServer } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { checkResponseStream } from './test-support/check-response-stream.js';
import { createManualTimers, type ManualTimers } from './test-support/manual-timers.js';
import { dataFrames, readSse } from './test-support/sse-reader.js';

// The gateway's own deadlines run on manual timers: each test fires a deadline exactly when the
// stream is where it wants it, so no verdict depends on how fast this machine is.
const REQUEST_TIMEOUT_MS = 60_000;
const IDLE_TIMEOUT_MS = 30_000;

const chunk = (delta: object) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] })}\n\n`;

let upstream: ScriptedServer;
let requestDeadline: { gateway: RunningGateway; timers: ManualTimers };
let idleDeadline: { gateway: RunningGateway; timers: ManualTimers };

async function start(
  server: Record<string, unknown>,
): Promise<{ gateway: RunningGateway; timers: ManualTimers }> {
  const env = { UPSTREAM_KEY: 'sk-test-upstream' };
  const config = validateGatewayConfig(
    {
      server: { port: 0, ...server },
      providers: [{ type: 'openai', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${upstream.url}/v1` }],
      routes: { default: ['openai/gpt-4o-mini'] },
      retry: false,
      fallback: false,
      circuitBreaker: false,
      cache: false,
      logging: { level: 'silent' },
    },
    env,
  );
  const timers = createManualTimers();
  const gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }), timers });
  return { gateway, timers };
}

beforeAll(async () => {
  upstream = await createScriptedServer();
  upstream.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  requestDeadline = await start({
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    streamIdleTimeoutMs: 10 * REQUEST_TIMEOUT_MS,
  });
  idleDeadline = await start({
    requestTimeoutMs: 10 * IDLE_TIMEOUT_MS,
    streamIdleTimeoutMs: IDLE_TIMEOUT_MS,
  });
});
afterAll(async () => {
  await requestDeadline?.gateway.close();
  await idleDeadline?.gateway.close();
  await upstream?.close();
});

const routes = [
  {
    name: 'chat completions',
    path: '/v1/chat/completions',
    body: (stream: boolean) => ({ model: 'default', stream, messages: [{ role: 'user', content: 'Hi' }] }),
    /** The error the stream ended with, in this route's shape. */
    streamError(text: string) {
      const frames = dataFrames(text);
      expect(frames).not.toContain('[DONE]');
      const last = frames.at(-1) as { error?: { code?: string; type?: string } };
      expect(last.error?.code).toBe('timeout');
      return last.error;
    },
    bodyError(body: unknown) {
      expect((body as { error: { code: string } }).error.code).toBe('timeout');
    },
  },
  {
    name: 'messages',
    path: '/v1/messages',
    body: (stream: boolean) => ({
      model: 'default',
      max_tokens: 16,
      stream,
      messages: [{ role: 'user', content: 'Hi' }],
    }),
    streamError(text: string) {
      const frames = text.split('\n\n').filter((frame) => frame.trim() !== '');
      expect(frames.at(-1)).toMatch(/^event: error\n/);
      const last = dataFrames(text).at(-1) as { type: string; error?: { type?: string } };
      expect(last).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
      expect(text).not.toContain('message_stop');
      return last.error;
    },
    bodyError(body: unknown) {
      expect(body).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
    },
  },
  {
    name: 'responses',
    path: '/v1/responses',
    body: (stream: boolean) => ({ model: 'default', stream, input: 'Hi' }),
    streamError(text: string) {
      const checked = checkResponseStream(text);
      expect(checked.problems).toEqual([]);
      expect(checked.events.slice(-2).map((event) => event.type)).toEqual(['error', 'response.failed']);
      expect(checked.final).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
      return (checked.events.at(-2) as unknown as { error: { code: string; message: string } }).error;
    },
    bodyError(body: unknown) {
      expect(body).toMatchObject({ error: { type: 'server_error', code: 'timeout' } });
    },
  },
];

const post = (gateway: RunningGateway, path: string, body: unknown) =>
  fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** An upstream that takes the request and never answers, until the gateway hangs up. */
function silentUpstream(): Promise<void> {
  return new Promise((arrived) => upstream.enqueue(() => arrived()));
}

describe.each(routes)('the gateway’s own deadlines on $name', (route) => {
  it('ends a stream cut by the request timeout with a timeout error frame and closes the upstream', async () => {
    upstream.enqueue({
      frames: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'partial' })],
      ending: 'hang',
    });
    const upstreamClosed = upstream.nextClientAbort();
    const { gateway, timers } = requestDeadline;
    const response = await post(gateway, route.path, route.body(true));
    expect(response.status).toBe(200);
    const stream = readSse(response);
    await stream.readUntil('partial');
    timers.advance(REQUEST_TIMEOUT_MS);
    const error = route.streamError(await stream.readToEnd()) as { message: string };
    expect(error.message).toContain(`${REQUEST_TIMEOUT_MS} ms`);
    await upstreamClosed;
  });

  it('ends a stream whose upstream goes quiet with a timeout error frame (stream idle timeout)', async () => {
    upstream.enqueue({
      frames: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'partial' })],
      ending: 'hang',
    });
    const upstreamClosed = upstream.nextClientAbort();
    const { gateway, timers } = idleDeadline;
    const stream = readSse(await post(gateway, route.path, route.body(true)));
    await stream.readUntil('partial');
    await timers.whenArmed(IDLE_TIMEOUT_MS);
    timers.advance(IDLE_TIMEOUT_MS);
    const error = route.streamError(await stream.readToEnd()) as { message: string };
    expect(error.message).toContain('idle');
    await upstreamClosed;
  });

  it('answers 504 in the route’s shape when the deadline passes before the first chunk', async () => {
    const arrived = silentUpstream();
    const { gateway, timers } = requestDeadline;
    const answer = post(gateway, route.path, route.body(true));
    await arrived;
    timers.advance(REQUEST_TIMEOUT_MS);
    const response = await answer;
    expect(response.status).toBe(504);
    route.bodyError(await response.json());
  });

  it('answers 504 in the route’s shape when a non-streamed call outlives the deadline', async () => {
    const arrived = silentUpstream();
    const { gateway, timers } = requestDeadline;
    const answer = post(gateway, route.path, route.body(false));
    await arrived;
    timers.advance(REQUEST_TIMEOUT_MS);
    const response = await answer;
    expect(response.status).toBe(504);
    route.bodyError(await response.json());
  });
});
