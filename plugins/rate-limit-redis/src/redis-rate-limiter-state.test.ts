import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { RATE_LIMITER_UNAVAILABLE_CODE, type RateLimitRule } from '@hub/middleware-rate-limit';
import type { RedisConnectionState } from '@hub/redis-connection';
import { recordStateChanges, startTcpProxy, type TcpProxy } from '@hub/testing';
import { connectTestRedis, deleteKeysUnder, REDIS_URL, type TestRedisClient } from '@hub/testing/redis';
import { createClient } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisRateLimiter, redisRateLimiter } from './redis-rate-limiter.js';
import type { RedisRateLimiterOptions } from './redis-rate-limiter-options.js';

// the proxies forward to the test Redis
const redisTarget = new URL(REDIS_URL);
// this file's own namespace, so parallel test files and runs never share keys
const PREFIX = `hub-test:rate-limit-state:${randomUUID()}:`;
const HOUR = 3_600_000;
const RULE: RateLimitRule = { requestsPerWindow: 1, windowMs: HOUR };
// behaviour, not budgets, is under test: a busy machine must not turn a reply into a timeout
const GENEROUS_MS = 10_000;

let inspector: TestRedisClient;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  inspector = await connectTestRedis();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await deleteKeysUnder(inspector, PREFIX);
  await inspector?.close();
});

async function proxy(): Promise<TcpProxy> {
  const started = await startTcpProxy(redisTarget.hostname, Number(redisTarget.port || 6379));
  cleanups.push(() => started.close());
  return started;
}

function limiterOn(options: RedisRateLimiterOptions): RedisRateLimiter {
  const limiter = redisRateLimiter({ prefix: PREFIX, commandTimeoutMs: GENEROUS_MS, ...options });
  cleanups.push(() => limiter.close());
  return limiter;
}

describe('redisRateLimiter connection state', () => {
  it('announces down once and up once across an outage of its own client, failing open meanwhile', async () => {
    const link = await proxy();
    const recorder = recordStateChanges<RedisConnectionState>();
    const errors: Error[] = [];
    const limiter = limiterOn({
      url: link.urlFor(REDIS_URL),
      prefix: `${PREFIX}own:`,
      failMode: 'open',
      onError: (error) => errors.push(error),
      onStateChange: recorder.onStateChange,
    });
    expect(limiter.state()).toBe('up');
    expect((await limiter.checkLimits([{ key: 'k', rule: RULE }])).allowed).toBe(true);

    const wentDown = recorder.next();
    link.interrupt();
    await wentDown;
    expect(limiter.state()).toBe('down');
    // each check while down is admitted, reported and counted, and announces nothing more
    for (let index = 0; index < 3; index++) {
      expect((await limiter.checkLimits([{ key: 'k', rule: RULE }])).allowed).toBe(true);
    }
    expect(limiter.stats()).toMatchObject({
      failOpenAdmissions: 3,
      unreachable: 3,
      timeouts: 0,
      unavailableRefusals: 0,
    });
    expect(errors.length).toBeGreaterThanOrEqual(3);

    const cameBack = recorder.next();
    link.restore();
    await cameBack;
    expect(limiter.state()).toBe('up');
    // the limit kept in Redis applies again
    expect((await limiter.checkLimits([{ key: 'k', rule: RULE }])).allowed).toBe(false);
    expect(recorder.changes.map((change) => change.state)).toEqual(['down', 'up']);
    expect(recorder.changes[0]?.error).toBeInstanceOf(Error);
    expect(recorder.changes[1]?.arguments).toBe(1);
  });

  it('derives the state of a client it was given from its commands, refusing meanwhile when fail-closed', async () => {
    const link = await proxy();
    const client = createClient({ url: link.urlFor(REDIS_URL), socket: { reconnectStrategy: () => 20 } });
    client.on('error', () => {});
    await client.connect();
    cleanups.push(async () => {
      if (client.isOpen) client.destroy();
    });
    const recorder = recordStateChanges<RedisConnectionState>();
    const limiter = limiterOn({
      client,
      prefix: `${PREFIX}given:`,
      failMode: 'closed',
      onStateChange: recorder.onStateChange,
    });
    expect((await limiter.checkLimits([{ key: 'k', rule: RULE }])).allowed).toBe(true);

    link.interrupt();
    await once(client, 'error');
    for (let index = 0; index < 3; index++) {
      await expect(limiter.checkLimits([{ key: 'k', rule: RULE }])).rejects.toMatchObject({
        code: 'rate_limit',
        providerCode: RATE_LIMITER_UNAVAILABLE_CODE,
      });
    }
    expect(limiter.state()).toBe('down');
    expect(limiter.stats()).toMatchObject({ unavailableRefusals: 3, failOpenAdmissions: 0 });

    link.restore();
    await once(client, 'ready');
    expect((await limiter.checkLimits([{ key: 'k', rule: RULE }])).allowed).toBe(false);
    expect(limiter.state()).toBe('up');
    expect(recorder.changes.map((change) => change.state)).toEqual(['down', 'up']);
  });

  it('rejects an onStateChange that is not a function, naming it', () => {
    expect(() => redisRateLimiter({ url: REDIS_URL, onStateChange: 'log' as unknown as () => void })).toThrow(
      expect.objectContaining({ code: 'config', path: 'onStateChange' }),
    );
  });
});
