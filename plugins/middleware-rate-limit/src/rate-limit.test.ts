import {
  type CompletionRequest,
  ConnectorError,
  createHub,
  ErrorAction,
  type MetricLabels,
  type MetricsCollector,
  type Middleware,
  type Usage,
} from '@hub/core';
import { createMockProvider, type MockProvider } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashCallerKey } from './internal/describe-limit.js';
import { type MemoryRateLimiter, memoryRateLimiter } from './memory-rate-limiter.js';
import type { MultiLimitRateLimiter } from './multi-limit-rate-limiter.js';
import { rateLimit } from './rate-limit.js';
import { LOCAL_RATE_LIMIT_CODE } from './rate-limit-error-codes.js';
import type { RateLimitOptions } from './rate-limit-options.js';
import { rateLimitPlugin } from './rate-limit-plugin.js';

function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

const ask = (text = 'hello', extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'mock/mock-1',
  messages: [{ role: 'user', content: text }],
  ...extra,
});

interface RateLimitRecord {
  readonly labels: MetricLabels;
  readonly waitedMs: number;
  readonly rejected: boolean;
}

function recordingMetrics(): MetricsCollector & { rateLimits: RateLimitRecord[] } {
  const rateLimits: RateLimitRecord[] = [];
  return {
    name: 'recording',
    rateLimits,
    recordRequest() {},
    recordRateLimit(labels, outcome) {
      rateLimits.push({ labels, ...outcome });
    },
  };
}

function setup(
  options: RateLimitOptions,
  provider: MockProvider = createMockProvider(),
  extra: Middleware[] = [],
) {
  const middleware = rateLimit(options);
  const metrics = recordingMetrics();
  const hub = createHub({ providers: [provider], middleware: [...extra, middleware], metrics: [metrics] });
  return { hub, provider, middleware, metrics };
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!ConnectorError.isInstance(error)) throw new Error(`expected a ConnectorError, got ${String(error)}`);
  return error;
}

const usage = (totalTokens: number): Usage => ({
  inputTokens: totalTokens - 20,
  outputTokens: 20,
  totalTokens,
});

describe('rateLimit', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits exactly the limit, rejects the next call with the exact retryAfterMs, and admits again later', async () => {
    const clock = manualClock();
    const { hub, provider, metrics } = setup({
      limits: [{ scope: 'provider', requestsPerWindow: 10, windowMs: 1000 }],
      limiter: memoryRateLimiter({ now: clock.now }),
    });
    for (let index = 0; index < 10; index++) await hub.complete(ask());
    const error = await failure(hub.complete(ask()));
    expect(error.code).toBe('rate_limit');
    expect(error.retryAfterMs).toBe(100);
    expect(error.providerCode).toBe(LOCAL_RATE_LIMIT_CODE);
    expect(error.message).toContain('provider limit');
    expect(error.message).toContain('"mock"');
    expect(provider.calls).toHaveLength(10);
    expect(metrics.rateLimits).toEqual([
      { labels: { provider: 'mock', model: 'mock-1', operation: 'complete' }, waitedMs: 0, rejected: true },
    ]);
    clock.advance(100);
    await hub.complete(ask());
    expect(provider.calls).toHaveLength(11);
    await expect(hub.complete(ask())).rejects.toMatchObject({ code: 'rate_limit', retryAfterMs: 100 });
  });

  it('keys caller limits by request metadata and never shows the caller key in errors', async () => {
    const clock = manualClock();
    const { hub } = setup({
      limits: [{ scope: 'caller', requestsPerWindow: 1, windowMs: 60_000 }],
      limiter: memoryRateLimiter({ now: clock.now }),
    });
    const alice = { metadata: { 'rate-limit.key': 'alice@example.com' } };
    await hub.complete(ask('a', alice));
    await hub.complete(ask('b', { metadata: { 'rate-limit.key': 'bob@example.com' } }));
    // calls without a caller key are outside caller limits
    await hub.complete(ask('c'));
    const error = await failure(hub.complete(ask('d', alice)));
    expect(error.code).toBe('rate_limit');
    expect(error.message).not.toContain('alice');
    expect(error.message).toContain(`#${hashCallerKey('alice@example.com')}`);
    expect(error.message).toContain('caller limit');
  });

  it('checks all limits atomically: a call refused by the caller limit takes nothing from the provider limit', async () => {
    const clock = manualClock();
    const limiter = memoryRateLimiter({ now: clock.now });
    const { hub } = setup({
      limits: [
        { scope: 'provider', requestsPerWindow: 100, tokensPerWindow: 100_000 },
        { scope: 'caller', requestsPerWindow: 1, key: (request) => request.metadata?.tenant },
      ],
      limiter,
    });
    const tenant = { metadata: { tenant: 'acme' } };
    await hub.complete(ask('x'.repeat(400), { ...tenant, maxTokens: 100 }));
    const before = await limiter.getUsage('provider#0:mock');
    await expect(hub.complete(ask('again', tenant))).rejects.toMatchObject({ code: 'rate_limit' });
    expect(await limiter.getUsage('provider#0:mock')).toEqual(before);
    expect(before.requestsRemaining).toBe(99);
  });

  it('applies a limit with a provider filter only to that provider', async () => {
    const { hub, provider } = setup({
      limits: [{ scope: 'model', requestsPerWindow: 1, provider: 'other' }],
    });
    await hub.complete(ask());
    await hub.complete(ask());
    expect(provider.calls).toHaveLength(2);
  });

  describe('token reservations', () => {
    const tokenLimit = (limiter: MultiLimitRateLimiter): RateLimitOptions => ({
      limits: [{ scope: 'model', requestsPerWindow: 100, tokensPerWindow: 10_000 }],
      limiter,
    });

    it('reserves the prompt estimate plus maxTokens, then refunds the unused part', async () => {
      const clock = manualClock();
      const limiter = memoryRateLimiter({ now: clock.now });
      const provider = createMockProvider({ script: [{ type: 'text', text: 'ok', usage: usage(120) }] });
      const { hub } = setup(tokenLimit(limiter), provider);
      // 400 characters are estimated at 100 tokens; with maxTokens 200 the reservation is 300
      const stream = hub.stream(ask('x'.repeat(400), { maxTokens: 200 }))[Symbol.asyncIterator]();
      await stream.next();
      expect((await limiter.getUsage('model#0:mock/mock-1')).tokensRemaining).toBe(9700);
      while (!(await stream.next()).done) {
        // drain
      }
      expect((await limiter.getUsage('model#0:mock/mock-1')).tokensRemaining).toBe(9880);
    });

    it('charges usage above the reservation, and reserves defaultMaxTokens without maxTokens', async () => {
      const clock = manualClock();
      const limiter = memoryRateLimiter({ now: clock.now });
      const provider = createMockProvider({
        script: [{ type: 'text', text: 'long', usage: usage(500) }, { type: 'hang' }],
      });
      const { hub } = setup(tokenLimit(limiter), provider);
      await hub.complete(ask('x'.repeat(400), { maxTokens: 200 }));
      expect((await limiter.getUsage('model#0:mock/mock-1')).tokensRemaining).toBe(9500);
      const controller = new AbortController();
      const pending = hub.complete(ask('x'.repeat(400)), { signal: controller.signal });
      // in-process only, but a busy machine may take a while to get there: wait for the event
      await vi.waitFor(() => expect(provider.calls).toHaveLength(2), { timeout: 15_000, interval: 5 });
      // 100 prompt tokens + the default 1024
      expect((await limiter.getUsage('model#0:mock/mock-1')).tokensRemaining).toBe(9500 - 1124);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      expect((await limiter.getUsage('model#0:mock/mock-1')).tokensRemaining).toBe(9500);
    });

    it('keeps the reservation when the provider reports no usage', async () => {
      const clock = manualClock();
      const limiter = memoryRateLimiter({ now: clock.now });
      const provider = createMockProvider({
        script: [{ type: 'text', text: 'ok', usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } }],
      });
      const { hub } = setup(tokenLimit(limiter), provider);
      await hub.complete(ask('x'.repeat(400), { maxTokens: 200 }));
      expect((await limiter.getUsage('model#0:mock/mock-1')).tokensRemaining).toBe(9700);
    });

    it('refunds the tokens of a failed call but keeps its request counted', async () => {
      const clock = manualClock();
      const limiter = memoryRateLimiter({ now: clock.now });
      const provider = createMockProvider({
        script: [
          { type: 'error', error: new ConnectorError('invalid_request', 'bad', { providerId: 'mock' }) },
        ],
      });
      const { hub } = setup(tokenLimit(limiter), provider);
      await expect(hub.complete(ask('x'.repeat(400), { maxTokens: 200 }))).rejects.toMatchObject({
        code: 'invalid_request',
      });
      expect(await limiter.getUsage('model#0:mock/mock-1')).toMatchObject({
        requestsRemaining: 99,
        tokensRemaining: 10_000,
      });
    });

    it('settles each attempt exactly once across retries', async () => {
      const clock = manualClock();
      const limiter = memoryRateLimiter({ now: clock.now });
      const provider = createMockProvider({
        script: [
          { type: 'error', error: new ConnectorError('overloaded', 'busy', { providerId: 'mock' }) },
          { type: 'error', error: new ConnectorError('overloaded', 'busy', { providerId: 'mock' }) },
          { type: 'text', text: 'ok', usage: usage(120) },
        ],
      });
      let retries = 0;
      const retryTwice: Middleware = {
        name: 'retry-twice',
        onError: () => (retries++ < 2 ? ErrorAction.retry(0) : undefined),
      };
      const { hub } = setup(tokenLimit(limiter), provider, [retryTwice]);
      await hub.complete(ask('x'.repeat(400), { maxTokens: 200 }));
      expect(provider.calls).toHaveLength(3);
      expect(await limiter.getUsage('model#0:mock/mock-1')).toMatchObject({
        requestsRemaining: 97,
        tokensRemaining: 10_000 - 120,
      });
    });

    it('refunds the reservation of a stream its caller abandoned', async () => {
      const clock = manualClock();
      const limiter = memoryRateLimiter({ now: clock.now });
      const provider = createMockProvider({ script: [{ type: 'text', text: 'one two three four' }] });
      const { hub } = setup(tokenLimit(limiter), provider);
      for await (const chunk of hub.stream(ask('x'.repeat(400), { maxTokens: 200 }))) {
        expect(chunk.type).toBe('text-delta');
        expect((await limiter.getUsage('model#0:mock/mock-1')).tokensRemaining).toBe(9700);
        break;
      }
      expect((await limiter.getUsage('model#0:mock/mock-1')).tokensRemaining).toBe(10_000);
    });
  });

  describe('queueing', () => {
    const queued = (extra: Partial<RateLimitOptions> = {}): RateLimitOptions => ({
      limits: [{ scope: 'provider', requestsPerWindow: 1, windowMs: 1000 }],
      onLimited: 'queue',
      ...extra,
    });
    const asked = (provider: MockProvider): string[] =>
      provider.calls.map((call) => String(call.request.messages[0]?.content));

    it('admits waiting calls first-in-first-out and aborts a wait promptly with cancelled', async () => {
      vi.useFakeTimers({ now: 0 });
      const { hub, provider, metrics, middleware } = setup(queued());
      const controller = new AbortController();
      const first = hub.complete(ask('A'));
      const second = hub.complete(ask('B'));
      const third = hub.complete(ask('C'));
      const fourth = hub.complete(ask('D'), { signal: controller.signal });
      const fourthError = failure(fourth);
      await vi.advanceTimersByTimeAsync(0);
      expect(asked(provider)).toEqual(['A']);
      controller.abort();
      // rejected without any time passing
      expect((await fourthError).code).toBe('cancelled');
      await first;
      await vi.advanceTimersByTimeAsync(999);
      expect(asked(provider)).toEqual(['A']);
      await vi.advanceTimersByTimeAsync(1);
      expect(asked(provider)).toEqual(['A', 'B']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(asked(provider)).toEqual(['A', 'B', 'C']);
      await Promise.all([second, third]);
      expect(metrics.rateLimits.map((record) => [record.waitedMs, record.rejected])).toEqual([
        [1000, false],
        [2000, false],
      ]);
      // only the memory store's sweep interval is left, and closing the store clears it
      expect(vi.getTimerCount()).toBe(1);
      await middleware.close();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('hands the turn of a cancelled head to the next waiting call', async () => {
      vi.useFakeTimers({ now: 0 });
      const { hub, provider, middleware } = setup(queued());
      const controller = new AbortController();
      const first = hub.complete(ask('A'));
      const second = failure(hub.complete(ask('B'), { signal: controller.signal }));
      const third = hub.complete(ask('C'));
      await vi.advanceTimersByTimeAsync(500);
      controller.abort();
      expect((await second).code).toBe('cancelled');
      await vi.advanceTimersByTimeAsync(499);
      expect(asked(provider)).toEqual(['A']);
      await vi.advanceTimersByTimeAsync(1);
      expect(asked(provider)).toEqual(['A', 'C']);
      await Promise.all([first, third]);
      await middleware.close();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('never lets a newcomer overtake a waiting call, even when its turn has come', async () => {
      vi.useFakeTimers({ now: 0 });
      const { hub, provider } = setup(queued());
      const calls = [hub.complete(ask('A')), hub.complete(ask('B'))];
      await vi.advanceTimersByTimeAsync(999);
      calls.push(hub.complete(ask('E')));
      await vi.advanceTimersByTimeAsync(1);
      expect(asked(provider)).toEqual(['A', 'B']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(asked(provider)).toEqual(['A', 'B', 'E']);
      await Promise.all(calls);
    });

    it('lets calls on other keys pass while one key has a queue', async () => {
      vi.useFakeTimers({ now: 0 });
      const { hub, provider } = setup({
        limits: [{ scope: 'caller', requestsPerWindow: 1, windowMs: 1000 }],
        onLimited: 'queue',
      });
      const tenant = (name: string) => ({ metadata: { 'rate-limit.key': name } });
      const calls = [
        hub.complete(ask('A1', tenant('a'))),
        hub.complete(ask('A2', tenant('a'))),
        hub.complete(ask('B1', tenant('b'))),
      ];
      await vi.advanceTimersByTimeAsync(0);
      expect(asked(provider)).toEqual(['A1', 'B1']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(asked(provider)).toEqual(['A1', 'B1', 'A2']);
      await Promise.all(calls);
    });

    it('rejects at once when the wait is known to exceed maxQueueWaitMs', async () => {
      vi.useFakeTimers({ now: 0 });
      const { hub, provider, metrics } = setup(queued({ maxQueueWaitMs: 500 }));
      await hub.complete(ask('A'));
      const error = await failure(hub.complete(ask('B')));
      expect(error).toMatchObject({ code: 'rate_limit', retryAfterMs: 1000 });
      expect(asked(provider)).toEqual(['A']);
      expect(metrics.rateLimits.at(-1)).toMatchObject({ rejected: true });
    });

    it('rejects a waiting call as soon as its turn is known to come after its deadline', async () => {
      vi.useFakeTimers({ now: 0 });
      const { hub, provider, middleware } = setup(queued({ maxQueueWaitMs: 1500 }));
      const first = hub.complete(ask('A'));
      const second = hub.complete(ask('B'));
      const third = failure(hub.complete(ask('C')));
      await vi.advanceTimersByTimeAsync(1000);
      expect(asked(provider)).toEqual(['A', 'B']);
      const error = await third;
      expect(error).toMatchObject({ code: 'rate_limit', retryAfterMs: 1000 });
      expect(error.message).toContain('after waiting 1000 ms in the queue');
      await Promise.all([first, second]);
      await middleware.close();
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('adaptive', () => {
    const finishWith = (rateLimitSnapshot: object) => ({
      type: 'chunks' as const,
      chunks: [
        { type: 'text-delta' as const, text: 'ok' },
        {
          type: 'finish' as const,
          finishReason: 'stop' as const,
          usage: usage(30),
          rateLimit: rateLimitSnapshot,
        },
      ],
    });

    it('blocks the model until the reported reset when the provider reports no requests left', async () => {
      const clock = manualClock();
      const provider = createMockProvider({
        script: [finishWith({ remainingRequests: 0, requestsResetMs: 5000 })],
      });
      const { hub } = setup({ limits: [], limiter: memoryRateLimiter({ now: clock.now }) }, provider);
      await hub.complete(ask());
      const error = await failure(hub.complete(ask()));
      expect(error).toMatchObject({
        code: 'rate_limit',
        retryAfterMs: 5000,
        providerCode: LOCAL_RATE_LIMIT_CODE,
      });
      expect(error.message).toContain('reported its allowance exhausted');
      // another model of the same provider is not blocked by default
      await hub.complete({ ...ask(), model: 'mock/mock-2' });
      expect(provider.calls).toHaveLength(2);
      clock.advance(5000);
      await hub.complete(ask());
      expect(provider.calls).toHaveLength(3);
    });

    it('blocks on exhausted tokens with scope provider, and ignores a healthy snapshot', async () => {
      const clock = manualClock();
      const provider = createMockProvider({
        script: [
          finishWith({ remainingRequests: 50, remainingTokens: 9000, requestsResetMs: 10 }),
          finishWith({ remainingTokens: 100, tokensResetMs: 3000 }),
        ],
      });
      const { hub } = setup(
        {
          limits: [],
          limiter: memoryRateLimiter({ now: clock.now }),
          adaptive: { scope: 'provider', minTokensRemaining: 500 },
        },
        provider,
      );
      await hub.complete(ask());
      await hub.complete(ask());
      await expect(hub.complete({ ...ask(), model: 'mock/mock-2' })).rejects.toMatchObject({
        code: 'rate_limit',
        retryAfterMs: 3000,
      });
    });

    it('blocks after a provider 429 for its retryAfterMs', async () => {
      const clock = manualClock();
      const provider = createMockProvider({
        script: [
          {
            type: 'error',
            error: new ConnectorError('rate_limit', 'Too many requests', {
              status: 429,
              retryAfterMs: 2000,
              providerId: 'mock',
            }),
          },
        ],
      });
      const { hub } = setup({ limits: [], limiter: memoryRateLimiter({ now: clock.now }) }, provider);
      await expect(hub.complete(ask())).rejects.toMatchObject({ code: 'rate_limit', status: 429 });
      await expect(hub.complete(ask())).rejects.toMatchObject({
        code: 'rate_limit',
        retryAfterMs: 2000,
        providerCode: LOCAL_RATE_LIMIT_CODE,
      });
      expect(provider.calls).toHaveLength(1);
      clock.advance(2000);
      await hub.complete(ask());
      expect(provider.calls).toHaveLength(2);
    });

    it('queues calls behind a block and lets them through when it ends', async () => {
      vi.useFakeTimers({ now: 0 });
      const provider = createMockProvider({
        script: [finishWith({ remainingRequests: 0, requestsResetMs: 4000 })],
      });
      const { hub } = setup({ limits: [], onLimited: 'queue' }, provider);
      await hub.complete(ask());
      const waiting = hub.complete(ask('second'));
      await vi.advanceTimersByTimeAsync(3999);
      expect(provider.calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(provider.calls).toHaveLength(2);
    });

    it('can be disabled', async () => {
      const provider = createMockProvider({
        script: [finishWith({ remainingRequests: 0, requestsResetMs: 5000 })],
      });
      const { hub } = setup({ limits: [], adaptive: false }, provider);
      await hub.complete(ask());
      await hub.complete(ask());
      expect(provider.calls).toHaveLength(2);
    });
  });

  describe('options', () => {
    it.each([
      [{ limits: 'x' }, 'limits'],
      [{ limits: [{ scope: 'tenant', requestsPerWindow: 1 }] }, 'limits[0].scope'],
      [{ limits: [{ scope: 'provider' }] }, 'limits[0]'],
      [{ limits: [{ scope: 'provider', requestsPerWindow: 0 }] }, 'limits[0].requestsPerWindow'],
      [{ limits: [{ scope: 'provider', tokensPerWindow: Number.NaN }] }, 'limits[0].tokensPerWindow'],
      [{ limits: [{ scope: 'provider', requestsPerWindow: 1, windowMs: 1.5 }] }, 'limits[0].windowMs'],
      [{ limits: [{ scope: 'model', requestsPerWindow: 1, key: () => 'x' }] }, 'limits[0].key'],
      [{ limits: [{ scope: 'model', requestsPerWindow: 1, provider: '' }] }, 'limits[0].provider'],
      [
        {
          limits: [
            { scope: 'model', requestsPerWindow: 1, name: 'same' },
            { scope: 'provider', requestsPerWindow: 1, name: 'same' },
          ],
        },
        'limits[1].name',
      ],
      [{ limits: [], onLimited: 'drop' }, 'onLimited'],
      [{ limits: [], maxQueueWaitMs: -1 }, 'maxQueueWaitMs'],
      [{ limits: [], defaultMaxTokens: 0 }, 'defaultMaxTokens'],
      [{ limits: [], limiter: { name: 'plain', checkLimit() {} } }, 'limiter'],
      [{ limits: [], adaptive: { scope: 'route' } }, 'adaptive.scope'],
      [{ limits: [], adaptive: { defaultBlockMs: 0 } }, 'adaptive.defaultBlockMs'],
    ])('rejects %j naming %s', (options, path) => {
      expect(() => rateLimit(options as unknown as RateLimitOptions)).toThrow(
        expect.objectContaining({ code: 'config', path }),
      );
    });

    it('registers through the plugin and closes the store it owns on hub.close()', async () => {
      // the store it creates reads Date.now: frozen, so its window cannot pass mid-test
      vi.useFakeTimers({ toFake: ['Date'] });
      const provider = createMockProvider();
      const plugin = rateLimitPlugin({ limits: [{ scope: 'provider', requestsPerWindow: 1 }] });
      const hub = createHub({ providers: [provider], plugins: [plugin] });
      await hub.complete(ask());
      await expect(hub.complete(ask())).rejects.toMatchObject({ code: 'rate_limit' });
      const limiter = plugin.middleware.limiter as MemoryRateLimiter;
      expect(limiter.size).toBe(1);
      await hub.close();
      expect(limiter.size).toBe(0);
    });

    it('leaves a store it was given open', async () => {
      const limiter = memoryRateLimiter();
      const middleware = rateLimit({ limits: [{ scope: 'provider', requestsPerWindow: 1 }], limiter });
      await limiter.checkLimits([{ key: 'k', rule: { requestsPerWindow: 1, windowMs: 1000 } }]);
      await middleware.close();
      expect(limiter.size).toBe(1);
      await limiter.close();
    });
  });
});
