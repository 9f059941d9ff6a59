import { createHub, PLUGIN_API_VERSION } from '@hub/core';
import {
  catchConnectorError,
  createScriptedServer,
  describeProviderContract,
  type ScriptedServer,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acme } from './acme-plugin.js';
import { createAcmeProvider } from './acme-provider.js';

const KEY = 'acme-test-key-0123456789abcdef';
const NDJSON = { 'content-type': 'application/x-ndjson' };

const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const final = (output: string) => ({
  done: true,
  id: 'gen_1',
  model: 'acme-small',
  output,
  stop_reason: 'end',
  usage: { in: 4, out: 3 },
});

// every test gets its own upstream, so one test's connections never answer another's waits
let contractServer: ScriptedServer;
describeProviderContract('acme (third-party sample)', {
  async createProvider() {
    contractServer = await createScriptedServer();
    return createAcmeProvider({ apiKey: KEY, baseUrl: contractServer.url });
  },
  model: 'acme-small',
  arrangeText: (pieces) =>
    contractServer.enqueue((request, response) => {
      const body = request.json<{ stream?: boolean }>();
      if (!body.stream) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ...final(pieces.join('')), done: undefined }));
        return;
      }
      response.writeHead(200, NDJSON);
      for (const piece of pieces) response.write(line({ delta: piece }));
      response.end(line(final(pieces.join(''))));
    }),
  arrangeError: (kind, { retryAfterSeconds }) => {
    const status = { authentication: 401, rate_limit: 429, invalid_request: 400, provider: 503 }[kind];
    contractServer.enqueue({
      status,
      headers: kind === 'rate_limit' ? { 'retry-after': String(retryAfterSeconds) } : {},
      body: { error: `acme says ${kind}` },
    });
  },
  arrangeStall: (first) =>
    contractServer.enqueue({ frames: [line({ delta: first })], ending: 'hang', headers: NDJSON }),
  arrangeTruncation: (first) => contractServer.enqueue({ frames: [line({ delta: first })], headers: NDJSON }),
  upstreamClosed: () => contractServer.nextClientAbort(),
  // the wire cases: what the upstream received, and a request it never answers
  upstreamRequests: () => contractServer.requests,
  requestIdHeader: 'x-acme-request-id',
  arrangeSilence: () => contractServer.enqueue(() => {}),
  arrangeStreamError: (first) =>
    contractServer.enqueue({
      frames: [line({ delta: first }), line({ error: { type: 'server_error', message: 'shard lost' } })],
      ending: 'hang',
      headers: NDJSON,
    }),
  arrangeMalformedEvent: (first) =>
    contractServer.enqueue({
      frames: [line({ delta: first }), '{"delta": "cut of\n'],
      ending: 'hang',
      headers: NDJSON,
    }),
  validConfig: { apiKey: 'k', baseUrl: 'http://127.0.0.1:1' },
  invalidConfig: { apiKey: '', baseUrl: 'not a url' },
  secret: KEY,
  cleanup: () => contractServer.close(),
});

describe('acme plugin in a hub', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await createScriptedServer();
  });
  afterEach(() => server.close());

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

  it('declares the contract version it was written against and its package version', () => {
    const plugin = acme({ apiKey: KEY });
    expect(plugin.apiVersion).toBe(PLUGIN_API_VERSION);
    expect(plugin.version).not.toBe('');
  });

  it('probes GET /v1/health: resolves when it answers, rejects classified otherwise', async () => {
    const provider = createAcmeProvider({ apiKey: KEY, baseUrl: server.url });
    server.enqueue({ body: { ok: true } }, { status: 401, body: { error: 'bad key' } });
    await expect(provider.probe({})).resolves.toBeUndefined();
    expect(server.requests[0]?.url).toBe('/v1/health');
    expect((await catchConnectorError(provider.probe({}))).code).toBe('authentication');
    await provider.close?.();
  });

  it('refuses tools before any network I/O, naming the field', async () => {
    const provider = createAcmeProvider({ apiKey: KEY, baseUrl: server.url });
    const error = await catchConnectorError(
      provider.sendCompletion({
        model: 'acme-small',
        messages: [{ role: 'tool', toolCallId: 'call_1', content: '18°C' }],
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_request', field: 'messages' });
    expect(server.requests).toHaveLength(0);
    await provider.close?.();
  });

  it('fails at construction, naming the field, when the key is missing', () => {
    expect(() => acme({ apiKey: '' }, {})).toThrow(
      expect.objectContaining({ code: 'config', path: 'apiKey' }),
    );
  });

  it('reads ACME_API_KEY when no key is given', () => {
    expect(() => acme({}, { ACME_API_KEY: KEY })).not.toThrow();
  });
});
