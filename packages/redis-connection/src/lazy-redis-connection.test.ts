import { ConnectorError } from '@hub/core';
import { findFreePort, startTcpProxy } from '@hub/testing';
import { REDIS_URL } from '@hub/testing/redis';
import { afterEach, describe, expect, it } from 'vitest';
import { LazyRedisConnection } from './lazy-redis-connection.js';
import type { RedisConnectionState } from './redis-connection-state.js';
import { RedisStateTracker } from './redis-state-tracker.js';

// behaviour, not budgets, is under test: a busy machine must not turn a connect into a timeout
const GENEROUS_MS = 10_000;
const target = new URL(REDIS_URL);
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function connection(url: string, onState?: (state: RedisConnectionState) => void): LazyRedisConnection {
  const opened = new LazyRedisConnection({
    url,
    connectTimeoutMs: GENEROUS_MS,
    owner: 'The test store',
    state: new RedisStateTracker(onState),
  });
  cleanups.push(() => opened.close(1_000));
  return opened;
}

describe('LazyRedisConnection', () => {
  it('connects on first use and answers commands; one connection serves every caller', async () => {
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
    cleanups.push(() => proxy.close());
    const opened = connection(proxy.urlFor(REDIS_URL));
    expect(proxy.connections()).toBe(0);
    const [first, second] = await Promise.all([opened.ready(), opened.ready()]);
    expect(first).toBe(second);
    expect(await first.sendCommand(['PING'])).toBe('PONG');
    expect(proxy.connections()).toBe(1);
  });

  it('after a failed attempt fails at once until the back-off passed, reporting down once', async () => {
    const states: RedisConnectionState[] = [];
    const opened = connection(`redis://127.0.0.1:${await findFreePort()}`, (state) => states.push(state));
    await expect(opened.ready()).rejects.toThrow();
    const waiting = await opened.ready().catch((error: unknown) => error);
    expect(ConnectorError.isInstance(waiting) && waiting.code).toBe('network');
    expect((waiting as Error).message).toMatch(/next connection attempt is in \d+ ms/);
    expect(states).toEqual(['down']);
  });

  it('refuses work once closed, naming its owner', async () => {
    const opened = connection(REDIS_URL);
    await opened.ready();
    await opened.close(1_000);
    await expect(opened.ready()).rejects.toMatchObject({
      code: 'network',
      message: 'The test store is closed.',
    });
  });
});
