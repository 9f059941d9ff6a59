import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

let gateway: RunningGateway;
const KEY = 'gw-limited-key-0123456789';

beforeAll(async () => {
  const env = { LIMITED_KEY: KEY };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      logging: { level: 'silent' },
      virtualKeys: [{ name: 'limited', keyEnv: 'LIMITED_KEY', requestsPerMinute: 2 }],
    },
    env,
  );
  // a frozen clock: the three calls share one window however long this machine takes
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }), now: () => 1_000_000 });
});
afterAll(() => gateway?.close());

const call = () =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'hi' }] }),
  });

describe('per-key requests per minute', () => {
  it('answers 429 with retry-after once a key used its allowance', async () => {
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const limited = await call();
    expect(limited.status).toBe(429);
    // two per minute frees one request every 30 s
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(await limited.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit' } });
  });
});
