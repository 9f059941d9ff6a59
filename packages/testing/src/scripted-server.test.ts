import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createScriptedServer, type ScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
afterEach(async () => server?.close());

describe('createScriptedServer', () => {
  it('answers queued replies in order and records requests', async () => {
    server = await createScriptedServer();
    server.enqueue(
      { status: 201, body: { ok: true }, headers: { 'x-test': '1' } },
      { status: 429, body: 'slow down' },
    );
    const first = await request(`${server.url}/v1/things?x=1`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.headers['x-test']).toBe('1');
    expect(await first.body.json()).toEqual({ ok: true });
    const second = await request(server.url);
    expect(second.statusCode).toBe(429);
    expect(await second.body.text()).toBe('slow down');
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/v1/things?x=1' });
    expect(server.requests[0]?.json()).toEqual({ a: 1 });
  });

  it('answers routed requests before the queue', async () => {
    server = await createScriptedServer();
    server.route('GET', '/v1/models', { body: { data: [] } });
    server.enqueue({ body: { queued: true } });
    expect(await (await request(`${server.url}/v1/models`)).body.json()).toEqual({ data: [] });
    expect(
      await (await request(`${server.url}/v1/chat`, { method: 'POST', body: '{}' })).body.json(),
    ).toEqual({ queued: true });
  });

  it('streams frames and notices a client that goes away', async () => {
    server = await createScriptedServer();
    server.enqueue({ frames: ['data: 1\n\n'], ending: 'hang' });
    const aborted = server.nextClientAbort();
    const controller = new AbortController();
    const response = await request(server.url, { signal: controller.signal });
    for await (const chunk of response.body) {
      expect(Buffer.from(chunk).toString()).toBe('data: 1\n\n');
      controller.abort();
      break;
    }
    await aborted;
    expect(server.clientAborts).toBe(1);
  });
});
