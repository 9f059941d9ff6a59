import { randomUUID } from 'node:crypto';
import { type CompletionRequest, createHub } from '@hub/core';
import {
  LOCAL_RATE_LIMIT_CODE,
  RATE_LIMITER_UNAVAILABLE_CODE,
  type RateLimitRule,
  rateLimit,
} from '@hub/middleware-rate-limit';
import { createMockProvider, catchConnectorError as failure } from '@hub/testing';
import { connectTestRedis, REDIS_URL, type TestRedisClient } from '@hub/testing/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMIT_SCRIPT_SHA } from './internal/rate-limit-script.js';
import type { RedisCommandClient } from './redis-command-client.js';
import { type RedisRateLimiter, redisRateLimiter } from './redis-rate-limiter.js';
import type { RedisRateLimiterOptions } from './redis-rate-limiter-options.js';

// this file's own namespace, unique per run, so parallel files and runs never share keys
const PREFIX = `hub-test:rate-limit:${randomUUID()}:`;
const DEAD_REDIS_URL = 'redis://127.0.0.1:1';
const HOUR = 3_600_000;
// for exact token counts: 10,000 tokens refill at one per six minutes, so what refills while a
// test runs never shows (an hour would refill one every 360 ms, which a busy machine can reach)
const LONG_WINDOW_MS = 1000 * HOUR;
// behaviour, not budgets, is under test here: a busy machine must not turn a reply into a timeout
const GENEROUS_MS = 10_000;

let inspector: TestRedisClient;
const limiters: RedisRateLimiter[] = [];

function limiterFor(name: string, options: Partial<RedisRateLimiterOptions> = {}): RedisRateLimiter {
  const limiter = redisRateLimiter({
    url: REDIS_URL,
    prefix: `${PREFIX}${name}:`,
    commandTimeoutMs: GENEROUS_MS,
    ...options,
  });
  limiters.push(limiter);
  return limiter;
}

const ask = (text = 'hello'): CompletionRequest => ({
  model: 'mock/mock-1',
  messages: [{ role: 'user', content: text }],
});

beforeAll(async () => {
  inspector = await connectTestRedis();
});

afterAll(async () => {
  // beforeAll could not connect, and its error says why: nothing was written to clean
  if (inspector === undefined) return;
  const cleaner = redisRateLimiter({ url: REDIS_URL, prefix: PREFIX });
  await cleaner.reset();
  await cleaner.close();
  for (const limiter of limiters) await limiter.close();
  expect(await inspector.keys(`${PREFIX}*`)).toEqual([]);
  await inspector.close();
});

describe('redisRateLimiter', () => {
  it('admits exactly the capacity and refuses the next check with the wait until one request refilled', async () => {
    const limiter = limiterFor('boundary');
    const rule: RateLimitRule = { requestsPerWindow: 10, windowMs: HOUR };
    for (let index = 0; index < 10; index++) {
      expect((await limiter.checkLimits([{ key: 'k', rule }])).allowed).toBe(true);
    }
    const refused = await limiter.checkLimits([{ key: 'k', rule }]);
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.failedIndex).toBe(0);
    // one request refills in HOUR / 10 ms on the Redis server's clock, minus what refilled while
    // the test ran (a minute is far more than eleven round trips take on any machine)
    expect(refused.retryAfterMs).toBeLessThanOrEqual(HOUR / 10);
    expect(refused.retryAfterMs).toBeGreaterThan(HOUR / 10 - 60_000);
    expect(refused.usages[0]?.requestsRemaining).toBe(0);
  });

  it('admits again once the announced wait has passed, and not a minute before', async () => {
    const limiter = limiterFor('refill');
    const rule: RateLimitRule = { requestsPerWindow: 10, windowMs: HOUR };
    for (let index = 0; index < 10; index++) await limiter.checkLimits([{ key: 'k', rule }]);
    const refused = await limiter.checkLimits([{ key: 'k', rule }]);
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    // the Redis clock cannot be moved, so the bucket is aged instead: `u` is the server time its
    // level was computed at (a refusal does not touch it)
    const key = `${PREFIX}refill:k`;
    const age = async (ms: number): Promise<void> => {
      const computedAt = Number(await inspector.hGet(key, 'u'));
      await inspector.hSet(key, 'u', String(computedAt - ms));
    };
    // a minute short of the announced wait: still refused (this test takes far less than a minute)
    await age(refused.retryAfterMs - 60_000);
    expect((await limiter.checkLimits([{ key: 'k', rule }])).allowed).toBe(false);
    await age(60_000);
    expect((await limiter.checkLimits([{ key: 'k', rule }])).allowed).toBe(true);
    expect((await limiter.checkLimits([{ key: 'k', rule }])).allowed).toBe(false);
  });

  it('checks several keys in one atomic script: a refusal by the second takes nothing from the first', async () => {
    const limiter = limiterFor('atomic');
    const provider: RateLimitRule = {
      requestsPerWindow: 100,
      tokensPerWindow: 10_000,
      windowMs: LONG_WINDOW_MS,
    };
    const caller: RateLimitRule = { requestsPerWindow: 1, windowMs: HOUR };
    const checks = [
      { key: 'provider', rule: provider, cost: { requests: 1, tokens: 500 } },
      { key: 'caller', rule: caller, cost: { requests: 1, tokens: 500 } },
    ];
    expect((await limiter.checkLimits(checks)).allowed).toBe(true);
    const refused = await limiter.checkLimits(checks);
    expect(refused).toMatchObject({ allowed: false, failedIndex: 1 });
    expect(await limiter.getUsage('provider')).toMatchObject({
      requestsRemaining: 99,
      tokensRemaining: 9500,
    });
  });

  it('reconciles tokens: refunds never beyond capacity, charges into debt', async () => {
    const rule: RateLimitRule = { tokensPerWindow: 10_000, windowMs: LONG_WINDOW_MS };
    // a full bucket has no state in Redis, so rule-less reads of it need the rule configured
    const limiter = limiterFor('tokens', { rules: { t: rule } });
    await limiter.checkLimits([{ key: 't', rule, cost: { tokens: 300 } }]);
    await limiter.updateUsages([{ key: 't', rule, tokens: -180 }]);
    expect((await limiter.getUsage('t')).tokensRemaining).toBe(9880);
    await limiter.updateUsages([{ key: 't', rule, tokens: 500 }]);
    expect((await limiter.getUsage('t')).tokensRemaining).toBe(9380);
    await limiter.updateUsages([{ key: 't', rule, tokens: -5000 }]);
    expect((await limiter.getUsage('t')).tokensRemaining).toBe(10_000);
    await limiter.updateUsages([{ key: 't', rule, tokens: 15_000 }]);
    expect((await limiter.getUsage('t')).tokensRemaining).toBe(0);
    expect((await limiter.checkLimits([{ key: 't', rule, cost: { tokens: 1 } }])).allowed).toBe(false);
  });

  it('blocks a key, and expires every key once it would be full again', async () => {
    // durations of minutes, so the real time between two round trips never matters
    const limiter = limiterFor('block');
    const blockMs = 600_000;
    const slack = 60_000;
    await limiter.block('adaptive:openai', blockMs);
    const refused = await limiter.checkLimits([
      { key: 'adaptive:openai', rule: { windowMs: 60_000 }, cost: { requests: 0 } },
    ]);
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterMs).toBeGreaterThan(blockMs - slack);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(blockMs);
    const blockTtl = await inspector.pTTL(`${PREFIX}block:adaptive:openai`);
    expect(blockTtl).toBeGreaterThan(blockMs - slack);
    expect(blockTtl).toBeLessThanOrEqual(blockMs);
    await limiter.checkLimits([{ key: 'k', rule: { requestsPerWindow: 4, windowMs: HOUR } }]);
    const ttl = await inspector.pTTL(`${PREFIX}block:k`);
    // one of four requests taken: full again after a quarter of the window
    expect(ttl).toBeGreaterThan(HOUR / 4 - slack);
    expect(ttl).toBeLessThanOrEqual(HOUR / 4);
  });

  it('implements the core contract with configured or remembered rules', async () => {
    const limiter = limiterFor('contract', {
      rules: { tenant: { requestsPerWindow: 2, tokensPerWindow: 100, windowMs: HOUR } },
    });
    expect(await limiter.checkLimit('tenant', { requests: 1, tokens: 80 })).toMatchObject({ allowed: true });
    expect(await limiter.checkLimit('tenant', { requests: 1, tokens: 80 })).toMatchObject({ allowed: false });
    await limiter.updateUsage('tenant', -50);
    expect(await limiter.getUsage('tenant')).toMatchObject({ requestsRemaining: 1, tokensRemaining: 70 });
    await limiter.checkLimits([{ key: 'learned', rule: { requestsPerWindow: 1, windowMs: HOUR } }]);
    expect(await limiter.checkLimit('learned')).toMatchObject({ allowed: false });
    expect(await limiter.checkLimit('unknown', { requests: 1000 })).toMatchObject({ allowed: true });
    await limiter.reset('tenant');
    expect(await limiter.getUsage('tenant')).toMatchObject({ requestsRemaining: 2, tokensRemaining: 100 });
  });

  it('reset() deletes every key under its prefix and nothing else', async () => {
    const limiter = limiterFor('reset');
    const neighbour = limiterFor('reset-neighbour');
    const rule: RateLimitRule = { requestsPerWindow: 1, windowMs: HOUR };
    for (let index = 0; index < 25; index++) await limiter.checkLimits([{ key: `k${index}`, rule }]);
    await neighbour.checkLimits([{ key: 'k0', rule }]);
    expect(await inspector.keys(`${PREFIX}reset:*`)).toHaveLength(25);
    await limiter.reset();
    expect(await inspector.keys(`${PREFIX}reset:*`)).toHaveLength(0);
    expect(await inspector.keys(`${PREFIX}reset-neighbour:*`)).toHaveLength(1);
  });

  it('falls back to EVAL when Redis answers NOSCRIPT, then uses EVALSHA again', async () => {
    const commands: string[] = [];
    let forgetScript = true;
    const client: RedisCommandClient = {
      get isReady() {
        return inspector.isReady;
      },
      sendCommand<T>(args: readonly string[], options?: { abortSignal?: AbortSignal; timeout?: number }) {
        commands.push(args[0] as string);
        // ask for a script Redis has never seen: the real server answers NOSCRIPT
        const sent =
          forgetScript && args[0] === 'EVALSHA' ? ['EVALSHA', '0'.repeat(40), ...args.slice(2)] : args;
        forgetScript = false;
        return inspector.sendCommand<T>(sent, options);
      },
    };
    const limiter = redisRateLimiter({ client, prefix: `${PREFIX}noscript:` });
    const rule: RateLimitRule = { requestsPerWindow: 5, windowMs: HOUR };
    expect((await limiter.checkLimits([{ key: 'k', rule }])).allowed).toBe(true);
    expect((await limiter.checkLimits([{ key: 'k', rule }])).allowed).toBe(true);
    expect(commands).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
    expect(await limiter.getUsage('k')).toMatchObject({ requestsRemaining: 3 });
    expect(await inspector.sendCommand(['SCRIPT', 'EXISTS', RATE_LIMIT_SCRIPT_SHA])).toEqual([1]);
    // a client it was given stays open
    await limiter.close();
    expect(inspector.isReady).toBe(true);
  });

  it('rejects with cancelled, not a failure mode, when the call is aborted', async () => {
    const limiter = limiterFor('abort', { failMode: 'open' });
    const controller = new AbortController();
    controller.abort();
    const error = await failure(limiter.checkLimits([{ key: 'k' }], { signal: controller.signal }));
    expect(error.code).toBe('cancelled');
    expect(limiter.failures).toBe(0);
    expect(limiter.stats()).toMatchObject({ failures: 0, failOpenAdmissions: 0, unavailableRefusals: 0 });
  });

  it('keeps two hubs sharing one Redis to exactly 100 upstream requests out of 1000 concurrent attempts', async () => {
    const hubs = [0, 1].map(() => {
      const provider = createMockProvider();
      const limiter = limiterFor('shared');
      const middleware = rateLimit({
        limits: [{ scope: 'provider', requestsPerWindow: 100, windowMs: HOUR, name: 'shared-provider' }],
        limiter,
      });
      return { provider, limiter, hub: createHub({ providers: [provider], middleware: [middleware] }) };
    });
    // connect both clients first: a lazily connecting client would otherwise queue its whole
    // burst behind the other's, and one hub could take every request before the other is ready
    await Promise.all(hubs.map(({ limiter }) => limiter.getUsage('warm-up')));
    const attempts = Array.from({ length: 1000 }, (_, index) =>
      (hubs[index % 2] as (typeof hubs)[number]).hub.complete(ask(`attempt ${index}`)),
    );
    const outcomes = await Promise.allSettled(attempts);
    const upstream = hubs.reduce((total, { provider }) => total + provider.calls.length, 0);
    expect(upstream).toBe(100);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(100);
    const rejections = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(rejections).toHaveLength(900);
    for (const reason of rejections) {
      expect(reason).toMatchObject({ code: 'rate_limit', providerCode: LOCAL_RATE_LIMIT_CODE });
    }
    // both hubs got a share: the limit is shared, not per process
    for (const { provider } of hubs) expect(provider.calls.length).toBeGreaterThan(0);
  });

  describe('when Redis is down', () => {
    it('fails open: admits at once, reports the error and counts it', async () => {
      const errors: Error[] = [];
      const limiter = limiterFor('open', {
        url: DEAD_REDIS_URL,
        failMode: 'open',
        // far above the test timeout: only the prompt failure path can pass this test
        commandTimeoutMs: 60_000,
        onError: (error) => errors.push(error),
      });
      const provider = createMockProvider();
      const hub = createHub({
        providers: [provider],
        middleware: [rateLimit({ limits: [{ scope: 'provider', requestsPerWindow: 1 }], limiter })],
      });
      await hub.complete(ask());
      await hub.complete(ask());
      expect(provider.calls).toHaveLength(2);
      expect(limiter.failures).toBeGreaterThanOrEqual(2);
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(
        errors.some((error) => /ECONNREFUSED/.test(`${error.message} ${(error as { code?: string }).code}`)),
      ).toBe(true);
      expect(limiter.stats()).toMatchObject({
        failOpenAdmissions: 2,
        unreachable: 2,
        timeouts: 0,
        unavailableRefusals: 0,
      });
      expect(limiter.state()).toBe('down');
    });

    it('fails closed: refuses at once with a retryable rate_limit naming the store, and never calls the provider', async () => {
      const limiter = limiterFor('closed', {
        url: DEAD_REDIS_URL,
        failMode: 'closed',
        commandTimeoutMs: 60_000,
      });
      const provider = createMockProvider();
      const hub = createHub({
        providers: [provider],
        middleware: [rateLimit({ limits: [{ scope: 'provider', requestsPerWindow: 1 }], limiter })],
      });
      for (let index = 0; index < 2; index++) {
        const error = await failure(hub.complete(ask()));
        expect(error).toMatchObject({
          code: 'rate_limit',
          retryable: true,
          retryAfterMs: 1000,
          providerCode: RATE_LIMITER_UNAVAILABLE_CODE,
        });
        expect(error.message).not.toContain('127.0.0.1');
      }
      expect(provider.calls).toHaveLength(0);
      await expect(limiter.getUsage('k')).rejects.toMatchObject({
        providerCode: RATE_LIMITER_UNAVAILABLE_CODE,
      });
      // reconciliation and blocks never throw in open mode; in closed mode they report the failure
      await expect(limiter.block('k', 1000)).rejects.toMatchObject({ code: 'rate_limit' });
      expect(limiter.stats()).toMatchObject({ failOpenAdmissions: 0, unavailableRefusals: 2 });
    });
  });

  describe('when Redis answers with an error', () => {
    it('refuses even fail-open: Redis is there, and admitting would ignore its limits', async () => {
      // every check runs a script that fails on the real server, as under OOM or on a read-only replica
      const client: RedisCommandClient = {
        get isReady() {
          return inspector.isReady;
        },
        sendCommand<T>(args: readonly string[], options?: { abortSignal?: AbortSignal; timeout?: number }) {
          const failing = ['EVAL', "return redis.error_reply('OOM command not allowed (simulated)')", '0'];
          return inspector.sendCommand<T>(args[0] === 'EVALSHA' ? failing : args, options);
        },
      };
      const errors: Error[] = [];
      const limiter = redisRateLimiter({
        client,
        prefix: `${PREFIX}error-reply:`,
        failMode: 'open',
        onError: (error) => errors.push(error),
      });
      const error = await failure(
        limiter.checkLimits([{ key: 'k', rule: { requestsPerWindow: 5, windowMs: HOUR } }]),
      );
      expect(error).toMatchObject({
        code: 'rate_limit',
        retryable: true,
        providerCode: RATE_LIMITER_UNAVAILABLE_CODE,
      });
      expect(error.message).toContain('answered with an error');
      expect(errors.map((reported) => reported.message)).toEqual([expect.stringContaining('OOM')]);
      expect(limiter.stats()).toMatchObject({
        failures: 1,
        unavailableRefusals: 1,
        failOpenAdmissions: 0,
        unreachable: 0,
      });
      expect(limiter.state()).toBe('up');
    });
  });

  describe('options', () => {
    it.each([
      [{}, 'url'],
      [{ url: REDIS_URL, client: { isReady: true, sendCommand: async () => null } }, 'url'],
      [{ url: 'http://user:secret@localhost' }, 'url'],
      [{ client: {} }, 'client'],
      [{ url: REDIS_URL, prefix: '' }, 'prefix'],
      [{ url: REDIS_URL, failMode: 'maybe' }, 'failMode'],
      [{ url: REDIS_URL, commandTimeoutMs: 0 }, 'commandTimeoutMs'],
      [{ url: REDIS_URL, failClosedRetryAfterMs: -1 }, 'failClosedRetryAfterMs'],
      [{ url: REDIS_URL, rules: { k: { windowMs: 0 } } }, 'rules.k'],
    ])('rejects option set %# naming %s, without repeating secrets', (options, path) => {
      let thrown: unknown;
      try {
        redisRateLimiter(options as unknown as RedisRateLimiterOptions);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'config', path });
      expect(String((thrown as Error).message)).not.toContain('secret');
    });
  });
});
