import { createScriptedServer, type ScriptedServer } from '@hub/testing';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;

let upstream: ScriptedServer;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await createScriptedServer();
  upstream.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  const env = { UPSTREAM_KEY: 'sk-test-upstream' };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'openai', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${upstream.url}/v1` }],
      routes: { default: ['openai/gpt-4o-mini'] },
      cache: false,
      logging: { level: 'silent' },
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

describe('graceful shutdown', () => {
  it('drains an in-flight stream before closing, and refuses new requests meanwhile and after', async () => {
    // the upstream holds the rest of the stream until the test has started the shutdown, so
    // the stream is in flight during close() however fast or slow this machine is
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    upstream.enqueue(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(chunk({ role: 'assistant', content: '' }) + chunk({ content: 'one ' }));
      await released;
      for (const piece of ['two ', 'three ', 'four']) response.write(chunk({ content: piece }));
      response.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
    });
    const client = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
    });
    let text = '';
    let closing: Promise<void> | undefined;
    for await (const part of stream) {
      text += part.choices[0]?.delta.content ?? '';
      if (closing === undefined && text === 'one ') {
        closing = gateway.close();
        // a new request during the drain is refused: no connection, or a 503 in OpenAI's shape
        const during = await fetch(`${gateway.url}/health`).catch((error: unknown) => error);
        if (during instanceof Response) {
          expect(during.status).toBe(503);
          expect(await during.json()).toMatchObject({ error: { code: 'unavailable' } });
        } else {
          expect(during).toBeInstanceOf(Error);
        }
        release();
      }
    }
    expect(text).toBe('one two three four');
    await closing;
    await expect(fetch(`${gateway.url}/health`)).rejects.toThrow();
  });
});
