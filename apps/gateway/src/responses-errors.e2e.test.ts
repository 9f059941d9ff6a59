import { ConnectorError } from '@hub/core';
import type { MockProvider } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { errorBodySchema } from './responses-wire/open-responses-schemas.js';
import { hashKey } from './security/virtual-keys.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

const KEYS = { LIMITED_KEY: 'gw-limited-key-0123456789', OPEN_KEY: 'gw-open-key-0123456789' };

let gateway: RunningGateway;
let mock: MockProvider;

beforeAll(async () => {
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      cache: false,
      retry: false,
      logging: { level: 'silent' },
      virtualKeys: [
        { name: 'limited', keyHash: hashKey(KEYS.LIMITED_KEY), models: ['default'], requestsPerMinute: 1 },
        { name: 'open', keyHash: hashKey(KEYS.OPEN_KEY) },
      ],
    },
    KEYS,
  );
  gateway = await startGateway({ config, env: KEYS, logger: pino({ level: 'silent' }) });
  mock = gateway.context.gateway.hub
    .providers()
    .find((provider) => provider.providerId === 'mock') as MockProvider;
});
afterAll(() => gateway?.close());

const post = (body: unknown, key: string | null = KEYS.OPEN_KEY) =>
  fetch(`${gateway.url}/v1/responses`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key !== null && { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify(body),
  });

async function expectError(answer: Response, status: number, error: Record<string, unknown>): Promise<void> {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain('application/json');
  const body = errorBodySchema.strict().parse(await answer.json());
  expect(body.error).toMatchObject(error);
}

describe('POST /v1/responses answers failures before the first byte as HTTP errors', () => {
  it('400 naming the field, in the Responses error shape', async () => {
    await expectError(await post({ model: 'default', input: [{ role: 'user', content: 7 }] }), 400, {
      type: 'invalid_request',
      code: 'invalid_request',
      param: 'input[0].content',
    });
  });

  it('401 without a key, 403 for a model the key may not use, 429 past its requests per minute', async () => {
    await expectError(await post({ model: 'default', input: 'x' }, null), 401, {
      type: 'authentication_error',
      code: 'authentication',
    });
    await expectError(await post({ model: 'mock/mock-1', input: 'x' }, KEYS.LIMITED_KEY), 403, {
      type: 'permission_error',
      param: 'model',
    });
    expect((await post({ model: 'default', input: 'x' }, KEYS.LIMITED_KEY)).status).toBe(200);
    const limited = await post({ model: 'default', input: 'x', stream: true }, KEYS.LIMITED_KEY);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    await expectError(limited, 429, { type: 'too_many_requests', code: 'rate_limit' });
  });

  it.each([false, true])('an upstream 429 keeps its status and retry-after (stream: %s)', async (stream) => {
    mock.enqueue({
      type: 'error',
      error: new ConnectorError('rate_limit', 'Slow down.', { providerId: 'mock', retryAfterMs: 1_500 }),
    });
    const answer = await post({ model: 'default', input: 'x', stream });
    expect(answer.headers.get('retry-after')).toBe('2');
    await expectError(answer, 429, { type: 'too_many_requests', code: 'rate_limit' });
  });

  it.each([false, true])(
    'an upstream failure is a 502 model_error, not an event stream (stream: %s)',
    async (stream) => {
      mock.enqueue({
        type: 'error',
        error: new ConnectorError('provider', 'Upstream 500.', { providerId: 'mock' }),
      });
      const answer = await post({ model: 'default', input: 'x', stream });
      await expectError(answer, 502, { type: 'model_error', code: 'provider' });
    },
  );

  it('a provider-reported error finish on a non-streamed call is a 502, not a completed response', async () => {
    mock.enqueue({ type: 'text', text: 'half', finishReason: 'error' });
    await expectError(await post({ model: 'default', input: 'x' }), 502, {
      type: 'model_error',
      code: 'provider',
    });
  });

  it('404 for an unknown previous_response_id, before any upstream call', async () => {
    await expectError(
      await post({ model: 'default', input: 'x', previous_response_id: 'resp_unknown' }),
      404,
      {
        type: 'not_found',
        param: 'previous_response_id',
      },
    );
  });
});
