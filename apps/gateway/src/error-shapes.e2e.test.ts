import { rawHttp } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { errorBodySchema } from './responses-wire/open-responses-schemas.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

let gateway: RunningGateway;
const BODY_LIMIT = 8 * 1024;

beforeAll(async () => {
  const config = validateGatewayConfig(
    {
      server: { port: 0, bodyLimitBytes: BODY_LIMIT },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      logging: { level: 'silent' },
    },
    {},
  );
  gateway = await startGateway({ config, env: {}, logger: pino({ level: 'silent' }) });
});
afterAll(() => gateway?.close());

const request = (method: string, path: string, headers: Record<string, string>, body = '') =>
  rawHttp(
    gateway.url,
    [
      `${method} ${path} HTTP/1.1`,
      'host: gateway.test',
      'connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ...(body === '' && method === 'GET' ? [] : [`content-length: ${Buffer.byteLength(body)}`]),
      '',
      body,
    ].join('\r\n'),
  );
const json = { 'content-type': 'application/json' };

const shapes = {
  /** OpenAI's `{"error":{message,type,param,code}}`, and nothing of Fastify's shape. */
  openai(body: string, code: string) {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['error']);
    expect(parsed.error).toEqual({
      message: expect.any(String),
      type: expect.any(String),
      param: null,
      code,
    });
  },
  /** Open Responses' `{"error":{type,code,message,param}}`, validated by the spec's schema. */
  responses(body: string, code: string) {
    const parsed = errorBodySchema.strict().parse(JSON.parse(body));
    expect(parsed.error).toMatchObject({ code, param: null });
  },
  /** Anthropic's `{"type":"error","error":{type,message}}`. */
  anthropic(body: string, type: string) {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(parsed).toEqual({ type: 'error', error: { type, message: expect.any(String) } });
  },
};

const routes = [
  {
    path: '/v1/chat/completions',
    expectShape: (body: string, code: string, _type: string) => shapes.openai(body, code),
  },
  {
    path: '/v1/messages',
    expectShape: (body: string, _code: string, type: string) => shapes.anthropic(body, type),
  },
  {
    path: '/v1/responses',
    expectShape: (body: string, code: string, _type: string) => shapes.responses(body, code),
  },
];

describe.each(routes)('every HTTP-level error under $path is in the route’s wire shape', (route) => {
  it('400 for a body that is not JSON', async () => {
    const response = await request('POST', route.path, json, '{"model":');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/json');
    route.expectShape(response.body, 'invalid_request', 'invalid_request_error');
  });

  it('400 for an empty JSON body', async () => {
    const response = await request('POST', route.path, json, '');
    expect(response.status).toBe(400);
    route.expectShape(response.body, 'invalid_request', 'invalid_request_error');
  });

  it('400 for a prototype-poisoning body', async () => {
    const response = await request(
      'POST',
      route.path,
      json,
      '{"__proto__":{"admin":true},"model":"default"}',
    );
    expect(response.status).toBe(400);
    route.expectShape(response.body, 'invalid_request', 'invalid_request_error');
  });

  it('415 for a body that is not application/json', async () => {
    const response = await request('POST', route.path, { 'content-type': 'text/plain' }, 'hello');
    expect(response.status).toBe(415);
    route.expectShape(response.body, 'unsupported_media_type', 'invalid_request_error');
  });

  it('413 for a body over the limit', async () => {
    const response = await request('POST', route.path, json, `{"model":"${'x'.repeat(BODY_LIMIT)}"}`);
    expect(response.status).toBe(413);
    route.expectShape(response.body, 'request_too_large', 'request_too_large');
  });

  it('405 with allow for a method the route does not serve', async () => {
    const response = await request('GET', route.path, {});
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
    route.expectShape(response.body, 'method_not_allowed', 'invalid_request_error');
  });

  it('404 for an unknown path under the route', async () => {
    const response = await request('POST', `${route.path}/batches`, json, '{}');
    expect(response.status).toBe(404);
    route.expectShape(response.body, 'not_found', 'not_found_error');
  });

  it('431 for headers over Node’s size limit', async () => {
    const response = await request('POST', route.path, { ...json, 'x-padding': 'p'.repeat(20_000) }, '{}');
    expect(response.status).toBe(431);
    route.expectShape(response.body, 'request_header_fields_too_large', 'invalid_request_error');
  });

  it('400 for a request that is not valid HTTP', async () => {
    const response = await rawHttp(
      gateway.url,
      `POST ${route.path} HTTP/1.1\r\nhost: gateway.test\r\ncontent-length: lots\r\n\r\n`,
    );
    expect(response.status).toBe(400);
    route.expectShape(response.body, 'invalid_request', 'invalid_request_error');
  });
});

describe('paths no wire format owns', () => {
  it('answer in OpenAI’s shape, the gateway’s default', async () => {
    const unknown = await request('GET', '/v2/anything', {});
    expect(unknown.status).toBe(404);
    shapes.openai(unknown.body, 'not_found');
    const wrongMethod = await request('POST', '/v1/models', json, '{}');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
    shapes.openai(wrongMethod.body, 'method_not_allowed');
  });
});
