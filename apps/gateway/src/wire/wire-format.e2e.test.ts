import { type CompletionRequest, ConnectorError } from '@hub/core';
import { rawHttp } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from '../config/load-gateway-config.js';
import { classifyGatewayError } from '../errors/classify-gateway-error.js';
import { type RunningGateway, startGateway, WIRE_FORMATS } from '../start-gateway.js';
import { dataFrames } from '../test-support/sse-reader.js';
import type { WireFormat, WireRequest } from './wire-format.js';

/**
 * A third API in a few lines, as `/v1/responses` will be: the shared route handler does the
 * rest (keys, deadlines, SSE, errors before and after the headers, HTTP-level errors).
 */
const toyFormat: WireFormat = {
  name: 'toy',
  path: '/v1/toy',
  fieldPath: (segments) => segments.join('/') || 'body',
  parse(body): WireRequest {
    const input = body as { model?: unknown; prompt?: unknown; stream?: unknown };
    if (typeof input.prompt !== 'string')
      throw new ConnectorError('invalid_request', 'prompt must be a string', { field: 'prompt' });
    const request: CompletionRequest = {
      model: typeof input.model === 'string' ? input.model : 'default',
      messages: [{ role: 'user', content: input.prompt }],
    };
    return { request, stream: input.stream === true };
  },
  toResponse: (response) => ({ answer: response.text }),
  createStreamEncoder: () => ({
    encode: (chunk) =>
      chunk.type === 'text-delta' ? `data: ${JSON.stringify({ delta: chunk.text })}\n\n` : '',
    errorFrame: (error) => `data: ${JSON.stringify({ failure: classifyGatewayError(error).wireCode })}\n\n`,
  }),
  toErrorReply(error) {
    const classified = classifyGatewayError(error);
    return {
      status: classified.status,
      headers: classified.headers,
      body: { failure: { code: classified.wireCode, field: classified.error.field ?? null } },
    };
  },
};

let gateway: RunningGateway;

beforeAll(async () => {
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      cache: false,
      logging: { level: 'silent' },
    },
    {},
  );
  gateway = await startGateway({
    config,
    env: {},
    logger: pino({ level: 'silent' }),
    formats: [...WIRE_FORMATS, toyFormat],
  });
});
afterAll(() => gateway?.close());

const post = (body: unknown) =>
  fetch(`${gateway.url}/v1/toy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('a wire format is all a new API needs', () => {
  it('answers plain and streamed calls through the shared handler', async () => {
    const plain = await post({ prompt: 'hello there' });
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({ answer: 'Echo: hello there' });
    expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const streamed = await post({ prompt: 'hello there', stream: true });
    expect(streamed.headers.get('content-type')).toContain('text/event-stream');
    const deltas = dataFrames(await streamed.text()) as { delta: string }[];
    expect(deltas.map((frame) => frame.delta).join('')).toBe('Echo: hello there');
  });

  it('answers its own parse errors and every HTTP-level error in its own shape', async () => {
    const invalid = await post({ prompt: 5 });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ failure: { code: 'invalid_request', field: 'prompt' } });

    const notJson = await rawHttp(
      gateway.url,
      'POST /v1/toy HTTP/1.1\r\nhost: t\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: 1\r\n\r\n{',
    );
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toEqual({ failure: { code: 'invalid_request', field: null } });

    const wrongMethod = await fetch(`${gateway.url}/v1/toy`);
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ failure: { code: 'method_not_allowed', field: null } });

    const deep = await fetch(`${gateway.url}/v1/toy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"prompt":"x","extra":${'['.repeat(100)}${']'.repeat(100)}}`,
    });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toEqual({ failure: { code: 'invalid_request', field: 'extra' } });
  });
});
