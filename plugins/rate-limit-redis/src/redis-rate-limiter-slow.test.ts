import { randomUUID } from 'node:crypto';
import { RATE_LIMITER_UNAVAILABLE_CODE, type RateLimitRule } from '@hub/middleware-rate-limit';
import { catchConnectorError as failure } from '@hub/testing';
import { connectTestRedis, deleteKeysUnder, type TestRedisClient } from '@hub/testing/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RedisRateLimiter, redisRateLimiter } from './redis-rate-limiter.js';
import {
  type Delivery,
  isCheckCommand,
  StallingCommandClient,
} from './test-support/stalling-command-client.js';

// this file's own namespace, so parallel test files and runs never share keys
const PREFIX = `hub-test:rate-limit-slow:${randomUUID()}:`;
const HOUR = 3_600_000;
// short on purpose: every slow command in these tests is held until the limiter has given up on
// it, so no verdict depends on how fast the machine is, only on what the limiter does then
const COMMAND_TIMEOUT_MS = 20;

let inspector: TestRedisClient;
let first: TestRedisClient;
let second: TestRedisClient;

beforeAll(async () => {
  // two connections, as two processes sharing one Redis have
  [inspector, first, second] = await Promise.all([
    connectTestRedis(),
    connectTestRedis(),
    connectTestRedis(),
  ]);
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await deleteKeysUnder(inspector, PREFIX);
  // undefined when beforeAll could not connect (its error says why)
  await Promise.all([inspector, first, second].map((client) => client?.close()));
});

/** Usage of `key` as Redis holds it, read on a prompt connection. */
async function usageOf(key: string, rule: RateLimitRule) {
  const reader = redisRateLimiter({ client: inspector, prefix: PREFIX, rules: { [key]: rule } });
  return reader.getUsage(key);
}

describe('redisRateLimiter when Redis is slow', () => {
  it('never admits past the limit over many bursts from two instances whose checks time out', async () => {
    const limit = 10;
    const rule: RateLimitRule = { requestsPerWindow: limit, windowMs: HOUR };
    for (let burst = 0; burst < 24; burst++) {
      // a different share of stalled checks each burst: every 2nd, 3rd or 4th check, from either instance
      const every = 2 + (burst % 3);
      let sent = 0;
      let stalled = 0;
      const choose = (args: readonly string[]): Delivery => {
        if (!isCheckCommand(args) || sent++ % every !== 0) return 'prompt';
        stalled++;
        return 'stalled';
      };
      const limiters: RedisRateLimiter[] = [first, second].map((client) =>
        redisRateLimiter({
          client: new StallingCommandClient(client, choose),
          prefix: PREFIX,
          failMode: 'open',
          commandTimeoutMs: COMMAND_TIMEOUT_MS,
        }),
      );
      const key = `burst-${burst}`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 40 }, (_, index) =>
          (limiters[index % 2] as RedisRateLimiter).checkLimits([{ key, rule }]),
        ),
      );
      await Promise.all(limiters.map((limiter) => limiter.close()));
      const admitted = outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value.allowed);
      expect(admitted.length, `burst ${burst}`).toBeLessThanOrEqual(limit);
      // every admission took its request in Redis, and nothing refused kept one
      expect((await usageOf(key, rule)).requestsRemaining, `burst ${burst}`).toBe(limit - admitted.length);
      // a timeout is counted and reported, never admitted
      const stats = limiters.map((limiter) => limiter.stats());
      expect(stats.map((counters) => counters.failOpenAdmissions)).toEqual([0, 0]);
      expect(stats.reduce((total, counters) => total + counters.timeouts, 0)).toBeGreaterThanOrEqual(stalled);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toMatchObject({
            code: 'rate_limit',
            retryable: true,
            providerCode: RATE_LIMITER_UNAVAILABLE_CODE,
          });
        }
      }
    }
  });

  it('gives back what a check took when Redis admitted it after the call stopped waiting', async () => {
    // The command deadline runs on a fake clock that moves only when the test moves it, once the
    // slow check's command reached Redis: the prompt commands (the first check, the give-back, the
    // reads) cannot time out however loaded the machine is, so exactly one check times out.
    // Sockets and Redis stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // exact token counts below: a window so long that nothing refills while the test runs
    const rule: RateLimitRule = { requestsPerWindow: 2, tokensPerWindow: 1000, windowMs: 1000 * HOUR };
    let delivery: Delivery = 'prompt';
    const client = new StallingCommandClient(first, (args) => (isCheckCommand(args) ? delivery : 'prompt'));
    const limiter = redisRateLimiter({ client, prefix: PREFIX, commandTimeoutMs: COMMAND_TIMEOUT_MS });
    const cost = { requests: 1, tokens: 300 };
    // a prompt check first, so Redis has the script cached and the slow EVALSHA really runs
    expect((await limiter.checkLimits([{ key: 'late', rule, cost }])).allowed).toBe(true);

    delivery = 'late-reply';
    const pending = failure(limiter.checkLimits([{ key: 'late', rule, cost }]));
    // the command is on its way to Redis and its deadline set: only now does the deadline pass
    await client.whenHeld(1);
    vi.advanceTimersByTime(COMMAND_TIMEOUT_MS);
    const slow = await pending;
    expect(slow).toMatchObject({ code: 'rate_limit', providerCode: RATE_LIMITER_UNAVAILABLE_CODE });
    expect(slow.message).toContain(`${COMMAND_TIMEOUT_MS} ms`);
    // slow is not down
    expect(limiter.state()).toBe('up');
    // Redis ran the check (only its reply is late): it took the last request
    await client.whenAnswered(1);
    expect(await usageOf('late', rule)).toMatchObject({ requestsRemaining: 0, tokensRemaining: 400 });

    const controller = new AbortController();
    const aborted = failure(
      limiter.checkLimits([{ key: 'late', rule, cost }], { signal: controller.signal }),
    );
    await client.whenHeld(2);
    controller.abort();
    expect((await aborted).code).toBe('cancelled');

    client.deliverLateReplies();
    // close() waits for the give-back of the late admission (its grace period is on the fake
    // clock too: it waits for the give-back itself, however long that takes)
    await limiter.close();
    // one check admitted, one refused by the limit: only the admitted one is given back
    expect(await usageOf('late', rule)).toMatchObject({ requestsRemaining: 1, tokensRemaining: 700 });
    expect(limiter.stats()).toMatchObject({
      timeouts: 1,
      failOpenAdmissions: 0,
      lateAdmissionsReleased: 1,
    });
  });
});
