import { createHub } from '@hub/core';
import { createScriptedServer, describeProviderContract, type ScriptedServer } from '@hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acme } from './acme-plugin.js';
import { createAcmeProvider } from './acme-provider.js';

const KEY = 'acme-test-key-0123456789abcdef';
let server: ScriptedServer;
beforeAll(async () => {
  server = await createScriptedServer();
});
afterAll(() => server.close());

const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const final = (output: string) => ({
  done: true,
  id: 'gen_1',
  model: 'acme-small',
  output,
  stop_reason: 'end',
  usage: { in: 4, out: 3 },
});

describeProviderContract('acme (third-party sample)', {
  createProvider: () => createAcmeProvider({ apiKey: KEY, baseUrl: server.url }),
  model: 'acme-small',
  arrangeText: (pieces) =>
    server.enqueue((request, response) => {
      const body = request.json<{ stream?: boolean }>();
      if (!body.stream) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ...final(pieces.join('')), done: undefined }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (const piece of pieces) response.write(line({ delta: piece }));
      response.end(line(final(pieces.join(''))));
    }),
  arrangeError: (kind, { retryAfterSeconds }) => {
    const status = { authentication: 401, rate_limit: 429, invalid_request: 400, provider: 503 }[kind];
    server.enqueue({
      status,
      headers: kind === 'rate_limit' ? { 'retry-after': String(retryAfterSeconds) } : {},
      body: { error: `acme says ${kind}` },
    });
  },
  arrangeStall: (first) =>
    server.enqueue({
      frames: [line({ delta: first })],
      ending: 'hang',
      headers: { 'content-type': 'application/x-ndjson' },
    }),
  arrangeTruncation: (first) =>
    server.enqueue({ frames: [line({ delta: first })], headers: { 'content-type': 'application/x-ndjson' } }),
  upstreamClosed: () => server.nextClientAbort(),
  validConfig: { apiKey: 'k', baseUrl: 'http://127.0.0.1:1' },
  invalidConfig: { apiKey: '', baseUrl: 'not a url' },
  secret: KEY,
});

describe('acme plugin in a hub', () => {
  it('registers through ConnectorPlugin and answers through the hub', async () => {
    server.enqueue({
      body: {
        id: 'g',
        model: 'acme-small',
        output: 'hi from acme',
        stop_reason: 'end',
        usage: { in: 1, out: 3 },
      },
    });
    const hub = createHub({ plugins: [acme({ apiKey: KEY, baseUrl: server.url })] });
    const response = await hub.complete({
      model: 'acme/acme-small',
      messages: [{ role: 'user', content: 'hello' }],
      maxTokens: 5,
    });
    expect(response).toMatchObject({ provider: 'acme', text: 'hi from acme', usage: { totalTokens: 4 } });
    const sent = server.requests.at(-1);
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.json()).toEqual({
      model: 'acme-small',
      turns: [{ speaker: 'human', text: 'hello' }],
      max_tokens: 5,
    });
    await hub.close();
  });

  it('fails at construction, naming the field, when the key is missing', () => {
    expect(() => acme({ apiKey: '' })).toThrow(expect.objectContaining({ code: 'config', path: 'apiKey' }));
  });
});
