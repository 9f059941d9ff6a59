import { setTimeout as delay } from 'node:timers/promises';
import { type PrivateRedis, privateRedis } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

// A redis-server of this file's own on a free port, killed and restarted by the tests: the
// machine's Redis is never touched.
let redis: PrivateRedis;
const gateways: RunningGateway[] = [];
const KEY = 'gw-redis-outage-key-0123456789';

beforeAll(async () => {
  redis = await privateRedis();
  await redis.start();
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await redis?.stop();
});

/** Every log line the gateway wrote, parsed. */
type LogLine = Record<string, unknown> & { msg: string };

async function gatewayOn(limitsFailMode: 'open' | 'closed', withKeyLimit: boolean) {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const logger = pino(
    { level: 'warn' },
    {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  );
  const env = { OUTAGE_KEY: KEY };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      retry: false,
      cache: { ttlMs: 60_000 },
      rateLimit: {
        limits: [{ scope: 'provider', requestsPerWindow: 10_000, windowMs: 60_000 }],
        onLimited: 'reject',
      },
      redis: { url: redis.url, limitsFailMode },
      logging: { level: 'warn' },
      virtualKeys: withKeyLimit ? [{ name: 'team', keyEnv: 'OUTAGE_KEY', requestsPerMinute: 10_000 }] : [],
    },
    env,
  );
  const gateway = await startGateway({ config, env, logger });
  gateways.push(gateway);
  let counter = 0;
  const call = () =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      // a new prompt each time, so every call looks the cache up and then checks the limits
      body: JSON.stringify({
        model: 'default',
        temperature: 0,
        messages: [{ role: 'user', content: `question ${counter++}` }],
      }),
    });
  const metrics = async () => (await fetch(`${gateway.url}/metrics`)).text();
  /** The value of one sample of `/metrics`, or undefined when it is not exported. */
  const sample = async (name: string, labels: string): Promise<number | undefined> => {
    const match = new RegExp(`^llm_hub_${name}\\{${labels}\\} (\\S+)$`, 'm').exec(await metrics());
    return match === null ? undefined : Number(match[1]);
  };
  const transitions = (component: string, state: 'up' | 'down') =>
    lines.filter((line) => line.component === component && line.state === state);
  return { gateway, lines, raw, call, metrics, sample, transitions };
}

type Target = Awaited<ReturnType<typeof gatewayOn>>;

/**
 * Waits until every part reports `state` on /metrics, making a call before each look when
 * `withCalls` (a part that lost Redis reconnects on its own, or on the next use, with back-off up
 * to 2 s for the limiters and 10 s for the cache): an outcome, not a time, bounds the wait.
 */
async function untilAll(target: Target, components: readonly string[], state: 0 | 1, withCalls: boolean) {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (withCalls) await target.call();
    const states = await Promise.all(
      components.map((component) => target.sample('redis_up', `component="${component}"`)),
    );
    if (states.every((value) => value === state)) return;
    await delay(100);
  }
  throw new Error(`Redis parts did not all report ${state}`);
}

/** The sample once it reaches `least` (or its last value after 600 looks 100 ms apart). */
async function untilAtLeast(target: Target, name: string, labels: string, least: number) {
  let value = await target.sample(name, labels);
  for (let attempt = 0; attempt < 600 && (value ?? 0) < least; attempt++) {
    await delay(100);
    value = await target.sample(name, labels);
  }
  return value;
}

describe('a Redis outage with limitsFailMode: open', () => {
  it('keeps answering, logs one line per transition per part, and shows it on /metrics', async () => {
    if (!redis.running) await redis.start();
    const target = await gatewayOn('open', true);
    const parts = ['cache', 'rate_limit', 'virtual_keys'];
    expect((await target.call()).status).toBe(200);
    for (const component of parts)
      expect(await target.sample('redis_up', `component="${component}"`)).toBe(1);

    await redis.stop();
    // each part sees its connection drop by itself; the calls then find Redis known to be down
    await untilAll(target, parts, 0, false);
    for (let call = 0; call < 3; call++) expect((await target.call()).status).toBe(200);
    for (const component of parts) {
      expect(await target.sample('redis_up', `component="${component}"`)).toBe(0);
      expect(target.transitions(component, 'down')).toHaveLength(1);
    }
    // every call was admitted by both limiters without Redis, and every lookup was a miss (a
    // lookup the cache middleware stopped waiting for is counted when its command fails, which on
    // a loaded machine can be after the answer: wait for the count, bounded by attempts)
    expect(
      await target.sample('redis_fail_open_admissions_total', 'component="rate_limit"'),
    ).toBeGreaterThanOrEqual(3);
    expect(
      await target.sample('redis_fail_open_admissions_total', 'component="virtual_keys"'),
    ).toBeGreaterThanOrEqual(3);
    expect(
      await untilAtLeast(target, 'redis_degraded_lookups_total', 'component="cache"', 3),
    ).toBeGreaterThanOrEqual(3);
    expect(await target.sample('redis_unavailable_refusals_total', 'component="rate_limit"')).toBe(0);
    expect(await target.sample('redis_state_changes_total', 'component="cache",state="down"')).toBe(1);
    const down = target.transitions('rate_limit', 'down')[0];
    expect(down).toMatchObject({ level: 40, redis: expect.stringContaining('[REDACTED]@127.0.0.1:') });
    expect(down?.msg).toContain('limitsFailMode: open');

    await redis.start();
    await untilAll(target, parts, 1, true);
    for (const component of parts) {
      expect(target.transitions(component, 'down')).toHaveLength(1);
      expect(target.transitions(component, 'up')).toHaveLength(1);
    }
    expect((await target.call()).status).toBe(200);

    // the password is in the URL the gateway was given, and nowhere it wrote
    expect(target.raw.join('\n')).not.toContain(redis.password);
    expect(await target.metrics()).not.toContain(redis.password);
  });
});

describe('a Redis outage with limitsFailMode: closed', () => {
  it('refuses limited calls with 429 and retry-after while Redis is unreachable, and counts them', async () => {
    if (!redis.running) await redis.start();
    const target = await gatewayOn('closed', false);
    expect((await target.call()).status).toBe(200);
    // no key has a limit: nothing of the virtual keys lives in Redis
    expect(await target.sample('redis_up', 'component="virtual_keys"')).toBeUndefined();

    await redis.stop();
    await untilAll(target, ['cache', 'rate_limit'], 0, false);
    const refused = await target.call();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit' } });
    expect(
      await target.sample('redis_unavailable_refusals_total', 'component="rate_limit"'),
    ).toBeGreaterThanOrEqual(1);
    expect(await target.sample('redis_fail_open_admissions_total', 'component="rate_limit"')).toBe(0);
    expect(target.transitions('rate_limit', 'down')[0]?.msg).toContain('limitsFailMode: closed');

    await redis.start();
    await untilAll(target, ['cache', 'rate_limit'], 1, true);
    expect((await target.call()).status).toBe(200);
  });
});
