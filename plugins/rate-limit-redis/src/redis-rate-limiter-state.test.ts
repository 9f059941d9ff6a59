import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { RATE_LIMITER_UNAVAILABLE_CODE, type RateLimitRule } from '@hub/middleware-rate-limit';
import { createClient } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RedisConnectionState } from './redis-connection-state.js';
import { type RedisRateLimiter, redisRateLimiter } from './redis-rate-limiter.js';
import type { RedisRateLimiterOptions } from './redis-rate-limiter-options.js';
import {
  connectTestRedis,
  deleteKeysUnder,
  REDIS_URL,
  type TestRedisClient,
} from './test-support/connect-test-redis.js';
import { type SwitchableProxy, startSwitchableProxy } from './test-support/switchable-proxy.js';

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

/** Every `onStateChange` call, and a way to wait for the next one. */
function stateRecorder() {
  const changes: { state: RedisConnectionState; error: Error | undefined; arguments: number }[] = [];
  let waiting: (() => void) | undefined;
  return {
    changes,
    onStateChange(...args: [RedisConnectionState, Error?]) {
      changes.push({ state: args[0], error: args[1], arguments: args.length });
      waiting?.();
    },
    /** Resolves at the next transition (event-driven: no deadline but the test's own). */
    next(): Promise<void> {
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
  };
}

async function proxy(): Promise<SwitchableProxy> {
  const started = await startSwitchableProxy(REDIS_URL);
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
    const recorder = stateRecorder();
    const errors: Error[] = [];
    const limiter = limiterOn({
      url: link.url,
      prefix: `${PREFIX}own:`,
      failMode: 'open',
      onError: (error) => errors.push(error),
      onStateChange: recorder.onStateChange,
    });
    expect(limiter.state()).toBe('up');
    expect((await limiter.checkLimits([{ key: 'k', rule: RULE }])).allowed).toBe(true);

    const wentDown = recorder.next();
    link.takeDown();
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
    link.bringBack();
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
    const client = createClient({ url: link.url, socket: { reconnectStrategy: () => 20 } });
    client.on('error', () => {});
    await client.connect();
    cleanups.push(async () => {
      if (client.isOpen) client.destroy();
    });
    const recorder = stateRecorder();
    const limiter = limiterOn({
      client,
      prefix: `${PREFIX}given:`,
      failMode: 'closed',
      onStateChange: recorder.onStateChange,
    });
    expect((await limiter.checkLimits([{ key: 'k', rule: RULE }])).allowed).toBe(true);

    link.takeDown();
    await once(client, 'error');
    for (let index = 0; index < 3; index++) {
      await expect(limiter.checkLimits([{ key: 'k', rule: RULE }])).rejects.toMatchObject({
        code: 'rate_limit',
        providerCode: RATE_LIMITER_UNAVAILABLE_CODE,
      });
    }
    expect(limiter.state()).toBe('down');
    expect(limiter.stats()).toMatchObject({ unavailableRefusals: 3, failOpenAdmissions: 0 });

    link.bringBack();
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
