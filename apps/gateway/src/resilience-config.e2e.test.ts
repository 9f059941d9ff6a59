import { createScriptedServer, type ScriptedReply, type ScriptedServer } from '@hub/testing';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

const env = { UPSTREAM_KEY: 'sk-test-upstream' };
let primary: ScriptedServer;
let secondary: ScriptedServer;
const running: RunningGateway[] = [];

beforeAll(async () => {
  primary = await createScriptedServer();
  secondary = await createScriptedServer();
  for (const server of [primary, secondary])
    server.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
});
afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.close();
  for (const server of [primary, secondary]) {
    server.requests.length = 0;
    server.setFallback({ status: 500, body: { error: { message: 'no reply queued' } } });
  }
});
afterAll(async () => {
  await primary?.close();
  await secondary?.close();
});

async function gatewayWith(overrides: Record<string, unknown>): Promise<RunningGateway> {
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [
        { type: 'openai', id: 'primary', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${primary.url}/v1` },
        { type: 'openai', id: 'secondary', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${secondary.url}/v1` },
      ],
      routes: { default: ['primary/gpt-4o-mini', 'secondary/gpt-4o-mini'] },
      // retries would wait out each retry-after in real time; fallback alone is under test
      retry: false,
      cache: false,
      logging: { level: 'silent' },
      ...overrides,
    },
    env,
  );
  const gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  running.push(gateway);
  return gateway;
}

const upstreamError = (status: number, headers: Record<string, string> = {}): ScriptedReply => ({
  status,
  headers,
  body: { error: { message: `upstream ${status}`, type: 'requests', param: null, code: null } },
});
const chatCalls = (server: ScriptedServer) =>
  server.requests.filter((request) => request.url.endsWith('/chat/completions')).length;

const routes = [
  {
    path: '/v1/chat/completions',
    body: { model: 'default', messages: [{ role: 'user', content: 'Hi' }] },
    rateLimited: { error: { type: 'rate_limit_error', code: 'rate_limit' } },
  },
  {
    path: '/v1/messages',
    body: { model: 'default', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] },
    rateLimited: { type: 'error', error: { type: 'rate_limit_error' } },
  },
];
const post = (gateway: RunningGateway, path: string, body: unknown) =>
  fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.each(routes)('an upstream 429 on $path', (route) => {
  it('reaches the client as a 429 with the shortest wait, in whole seconds rounded up', async () => {
    const gateway = await gatewayWith({});
    primary.setFallback(upstreamError(429, { 'retry-after': '3' }));
    secondary.setFallback(upstreamError(429, { 'retry-after-ms': '1500' }));
    const response = await post(gateway, route.path, route.body);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toMatchObject(route.rateLimited);
    expect(chatCalls(primary)).toBe(1);
    expect(chatCalls(secondary)).toBe(1);
  });

  it('wins over another target’s failure when nothing else could serve the call', async () => {
    const gateway = await gatewayWith({});
    primary.setFallback(upstreamError(429, { 'retry-after': '3' }));
    secondary.setFallback(upstreamError(503));
    const response = await post(gateway, route.path, route.body);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
  });

  it('never opens the default circuit breaker: a burst of 429s stays 429s', async () => {
    const gateway = await gatewayWith({ routes: { default: ['primary/gpt-4o-mini'] } });
    primary.setFallback(upstreamError(429, { 'retry-after': '1' }));
    // the library's default opens after 5 consecutive failures; twice that
    for (let call = 0; call < 10; call++) {
      const response = await post(gateway, route.path, route.body);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('1');
    }
    expect(chatCalls(primary)).toBe(10);
  });
});

describe('circuit breaker configuration', () => {
  const everyOption = {
    scope: 'provider',
    windowMs: 60_000,
    minimumCalls: 1,
    failureRateThreshold: 1,
    consecutiveFailures: 1,
    openMs: 600_000,
    halfOpenProbes: 1,
    failureCodes: ['provider', 'overloaded'],
    maxCircuits: 64,
  };

  it('accepts every breaker option under its own name and applies them', async () => {
    const gateway = await gatewayWith({
      routes: { default: ['primary/gpt-4o-mini'] },
      circuitBreaker: everyOption,
    });
    primary.setFallback(upstreamError(500));
    const first = await post(gateway, '/v1/chat/completions', routes[0]?.body);
    expect(first.status).toBe(502);
    // consecutiveFailures: 1 opened the circuit: refused without calling the upstream
    const second = await post(gateway, '/v1/chat/completions', routes[0]?.body);
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ error: { code: 'circuit_open' } });
    expect(chatCalls(primary)).toBe(1);
  });

  it('refuses an unknown option and a failure code the breaker must not count', () => {
    const validate = (circuitBreaker: unknown) => () =>
      validateGatewayConfig(
        { providers: [{ type: 'mock' }], routes: { default: ['mock/mock-1'] }, circuitBreaker },
        {},
      );
    expect(validate({ ...everyOption, openMS: 5 })).toThrow(/circuitBreaker/);
    expect(validate({ failureCodes: ['cancelled'] })).toThrow(/circuitBreaker\.failureCodes\.0/);
    expect(validate({ failureRateThreshold: 0 })).toThrow(/circuitBreaker\.failureRateThreshold/);
  });
});

describe('per-route and per-provider deadlines', () => {
  // the upstream never answers: the configured deadline is the only way the call can end
  const silent = (server: ScriptedServer) => server.setFallback(() => undefined);

  it('a route’s timeoutMs bounds each call to its targets', async () => {
    const gateway = await gatewayWith({
      routes: { default: { targets: ['primary/gpt-4o-mini'], timeoutMs: 300 } },
    });
    silent(primary);
    const response = await post(gateway, '/v1/chat/completions', routes[0]?.body);
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ error: { code: 'timeout' } });
  });

  it('a provider’s timeoutMs bounds each call to it, and a route’s value wins over it', async () => {
    const gateway = await gatewayWith({
      providers: [
        {
          type: 'openai',
          id: 'primary',
          apiKeyEnv: 'UPSTREAM_KEY',
          baseUrl: `${primary.url}/v1`,
          timeoutMs: 300,
        },
        {
          type: 'openai',
          id: 'secondary',
          apiKeyEnv: 'UPSTREAM_KEY',
          baseUrl: `${secondary.url}/v1`,
          timeoutMs: 3_600_000,
        },
      ],
      routes: {
        direct: ['primary/gpt-4o-mini'],
        patient: { targets: ['secondary/gpt-4o-mini'], timeoutMs: 300 },
      },
    });
    silent(primary);
    silent(secondary);
    const direct = await post(gateway, '/v1/messages', { ...routes[1]?.body, model: 'direct' });
    expect(direct.status).toBe(504);
    expect(await direct.json()).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
    const patient = await post(gateway, '/v1/messages', { ...routes[1]?.body, model: 'patient' });
    expect(patient.status).toBe(504);
  });

  it('refuses a deadline that is not a positive integer, naming it', () => {
    expect(() =>
      validateGatewayConfig(
        {
          providers: [{ type: 'mock', firstByteTimeoutMs: 0 }],
          routes: { default: { targets: ['mock/mock-1'], idleTimeoutMs: -5 } },
        },
        {},
      ),
    ).toThrow(/providers\.0\.firstByteTimeoutMs[\s\S]*routes\.default/);
  });
});
