import { ConfigError, ConnectorError } from '@hub/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryRateLimiter } from './memory-rate-limiter.js';
import type { RateLimitRule } from './multi-limit-rate-limiter.js';

function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

const TEN_PER_SECOND: RateLimitRule = { requestsPerWindow: 10, windowMs: 1000 };

describe('memoryRateLimiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits exactly the capacity, then refuses with the exact wait, and refills continuously', async () => {
    const clock = manualClock();
    const limiter = memoryRateLimiter({ now: clock.now });
    const check = () => limiter.checkLimits([{ key: 'k', rule: TEN_PER_SECOND }]);
    for (let index = 0; index < 10; index++) expect((await check()).allowed).toBe(true);
    const refused = await check();
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 100, failedIndex: 0 });
    clock.advance(99);
    expect(await check()).toMatchObject({ allowed: false, retryAfterMs: 1 });
    clock.advance(1);
    expect((await check()).allowed).toBe(true);
    expect(await check()).toMatchObject({ allowed: false, retryAfterMs: 100 });
    clock.advance(1000);
    for (let index = 0; index < 10; index++) expect((await check()).allowed).toBe(true);
    expect((await check()).allowed).toBe(false);
    await limiter.close();
  });

  it('reports remaining allowance and when it is fully restored', async () => {
    const clock = manualClock();
    const limiter = memoryRateLimiter({ now: clock.now });
    const rule: RateLimitRule = { requestsPerWindow: 10, tokensPerWindow: 1000, windowMs: 1000 };
    const decision = await limiter.checkLimits([{ key: 'k', rule, cost: { requests: 1, tokens: 250 } }]);
    expect(decision).toEqual({
      allowed: true,
      usages: [{ requestsRemaining: 9, tokensRemaining: 750, resetAt: clock.now() + 250 }],
    });
    clock.advance(100);
    expect(await limiter.getUsage('k')).toEqual({
      requestsRemaining: 10,
      tokensRemaining: 850,
      resetAt: clock.now() + 150,
    });
  });

  it('checks several limits atomically: a refusal by the second takes nothing from the first', async () => {
    const clock = manualClock();
    const limiter = memoryRateLimiter({ now: clock.now });
    const wide: RateLimitRule = { requestsPerWindow: 100, tokensPerWindow: 10_000, windowMs: 60_000 };
    const narrow: RateLimitRule = { requestsPerWindow: 1, windowMs: 60_000 };
    const checks = [
      { key: 'provider', rule: wide, cost: { requests: 1, tokens: 500 } },
      { key: 'caller', rule: narrow, cost: { requests: 1, tokens: 500 } },
    ];
    expect((await limiter.checkLimits(checks)).allowed).toBe(true);
    const refused = await limiter.checkLimits(checks);
    expect(refused).toMatchObject({ allowed: false, failedIndex: 1, retryAfterMs: 60_000 });
    expect(await limiter.getUsage('provider')).toMatchObject({
      requestsRemaining: 99,
      tokensRemaining: 9500,
    });
  });

  it('refuses duplicate keys in one check', async () => {
    const limiter = memoryRateLimiter();
    await expect(
      limiter.checkLimits([
        { key: 'same', rule: TEN_PER_SECOND },
        { key: 'same', rule: TEN_PER_SECOND },
      ]),
    ).rejects.toSatisfy(ConfigError.isConfigError);
  });

  it('refunds never beyond capacity and charges into debt', async () => {
    const clock = manualClock();
    const limiter = memoryRateLimiter({ now: clock.now });
    const rule: RateLimitRule = { tokensPerWindow: 1000, windowMs: 1000 };
    await limiter.checkLimits([{ key: 't', rule, cost: { tokens: 600 } }]);
    await limiter.updateUsages([{ key: 't', rule, tokens: -500 }]);
    expect((await limiter.getUsage('t')).tokensRemaining).toBe(900);
    await limiter.updateUsages([{ key: 't', rule, tokens: -500 }]);
    expect((await limiter.getUsage('t')).tokensRemaining).toBe(1000);
    await limiter.updateUsages([{ key: 't', rule, tokens: 1500 }]);
    expect((await limiter.getUsage('t')).tokensRemaining).toBe(0);
    // 500 tokens of debt: 100 tokens fit after the debt and 100 more have refilled (600 ms)
    expect(await limiter.checkLimits([{ key: 't', rule, cost: { tokens: 100 } }])).toMatchObject({
      allowed: false,
      retryAfterMs: 600,
    });
    clock.advance(600);
    expect((await limiter.checkLimits([{ key: 't', rule, cost: { tokens: 100 } }])).allowed).toBe(true);
  });

  it('admits a cost above the capacity only into a full bucket, which it drives into debt', async () => {
    const clock = manualClock();
    const limiter = memoryRateLimiter({ now: clock.now });
    const rule: RateLimitRule = { tokensPerWindow: 1000, windowMs: 1000 };
    expect((await limiter.checkLimits([{ key: 't', rule, cost: { tokens: 1500 } }])).allowed).toBe(true);
    expect(await limiter.checkLimits([{ key: 't', rule, cost: { tokens: 1500 } }])).toMatchObject({
      allowed: false,
      retryAfterMs: 1500,
    });
  });

  it('blocks a key for a duration, keeping the longer of two blocks', async () => {
    const clock = manualClock();
    const limiter = memoryRateLimiter({ now: clock.now });
    const rule: RateLimitRule = { windowMs: 1000 };
    await limiter.block('adaptive:x', 5000);
    await limiter.block('adaptive:x', 1000);
    expect(await limiter.checkLimits([{ key: 'adaptive:x', rule, cost: { requests: 0 } }])).toMatchObject({
      allowed: false,
      retryAfterMs: 5000,
    });
    expect((await limiter.getUsage('adaptive:x')).resetAt).toBe(clock.now() + 5000);
    clock.advance(5000);
    expect((await limiter.checkLimits([{ key: 'adaptive:x', rule, cost: { requests: 0 } }])).allowed).toBe(
      true,
    );
  });

  it('implements the core contract with configured or remembered rules', async () => {
    const clock = manualClock();
    const limiter = memoryRateLimiter({
      now: clock.now,
      rules: { tenant: { requestsPerWindow: 2, tokensPerWindow: 100, windowMs: 1000 } },
    });
    expect(await limiter.checkLimit('tenant', { requests: 1, tokens: 80 })).toMatchObject({ allowed: true });
    expect(await limiter.checkLimit('tenant', { requests: 1, tokens: 80 })).toMatchObject({
      allowed: false,
      retryAfterMs: 600,
    });
    await limiter.updateUsage('tenant', -50);
    expect(await limiter.getUsage('tenant')).toMatchObject({ requestsRemaining: 1, tokensRemaining: 70 });
    // a key checked once with a rule keeps it for rule-less calls while it has state
    await limiter.checkLimits([{ key: 'learned', rule: { requestsPerWindow: 1, windowMs: 1000 } }]);
    expect(await limiter.checkLimit('learned')).toMatchObject({ allowed: false, retryAfterMs: 1000 });
    // a key without any rule is unlimited
    expect(await limiter.checkLimit('unknown', { requests: 1000 })).toMatchObject({ allowed: true });
    await limiter.reset('tenant');
    expect(await limiter.getUsage('tenant')).toMatchObject({ requestsRemaining: 2, tokensRemaining: 100 });
    await limiter.reset();
    expect(limiter.size).toBe(0);
  });

  it('drops keys once their buckets are full again, with one unref-ed background sweep', async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = memoryRateLimiter({ sweepIntervalMs: 1000 });
    const rule: RateLimitRule = { requestsPerWindow: 10, windowMs: 5000 };
    for (let index = 0; index < 100; index++) {
      await limiter.checkLimits([{ key: `caller:${index}`, rule, cost: { requests: 10 } }]);
    }
    await limiter.block('blocked', 10_000);
    expect(limiter.size).toBe(101);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(4000);
    expect(limiter.size).toBe(101);
    await vi.advanceTimersByTimeAsync(1000);
    expect(limiter.size).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(limiter.size).toBe(0);
    // no keys, no timer
    expect(vi.getTimerCount()).toBe(0);
    await limiter.checkLimits([{ key: 'again', rule }]);
    expect(vi.getTimerCount()).toBe(1);
    await limiter.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with cancelled when the signal already aborted', async () => {
    const limiter = memoryRateLimiter();
    const controller = new AbortController();
    controller.abort();
    const error = await limiter
      .checkLimits([{ key: 'k' }], { signal: controller.signal })
      .catch((thrown) => thrown);
    expect(ConnectorError.isInstance(error) && error.code).toBe('cancelled');
  });

  it('validates its options', () => {
    expect(() => memoryRateLimiter({ sweepIntervalMs: -1 })).toThrow(/sweepIntervalMs/);
    expect(() => memoryRateLimiter({ rules: { bad: { windowMs: 0 } } })).toThrow(/rules\.bad\.windowMs/);
    expect(() => memoryRateLimiter({ rules: { bad: { requestsPerWindow: -1, windowMs: 10 } } })).toThrow(
      /rules\.bad\.requestsPerWindow/,
    );
  });
});
