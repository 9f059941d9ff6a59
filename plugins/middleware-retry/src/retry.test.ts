import {
  type CompletionRequest,
  ConfigError,
  ConnectorError,
  createHub,
  type MetricsCollector,
  type Middleware,
} from '@hub/core';
import { createEmbeddingMock, createMockProvider, createTestContext, mockPlugin } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { retry } from './retry.js';
import { retryPlugin } from './retry-plugin.js';

const request: CompletionRequest = { model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] };

const providerError = (): ConnectorError =>
  new ConnectorError('provider', 'Upstream answered 503.', { status: 503, providerId: 'mock' });

/** A real middleware context, on `openai/gpt-4o-mini` unless the test says otherwise. */
const contextOn = (options: { contentYielded?: boolean } = {}) =>
  createTestContext({ providerId: 'openai', model: 'gpt-4o-mini', originalRequest: request, ...options });

/** Counts what the hub reports to metrics collectors. */
function counter() {
  const counts = { retries: 0, fallbacks: 0 };
  const collector: MetricsCollector = {
    name: 'counter',
    recordRequest: () => {},
    recordRetry: () => {
      counts.retries++;
    },
    recordFallback: () => {
      counts.fallbacks++;
    },
  };
  return { counts, collector };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('retry (decisions)', () => {
  it('retries retryable errors with growing full-jitter delays, then gives up after maxRetries', async () => {
    const middleware = retry({ baseDelayMs: 100, maxRetries: 3, random: () => 0.5, now: () => 0 });
    const context = contextOn();
    await middleware.onRequest?.(request, context);
    const delays: unknown[] = [];
    for (let index = 0; index < 4; index++) delays.push(await middleware.onError?.(providerError(), context));
    expect(delays).toEqual([
      { type: 'retry', delayMs: 50 },
      { type: 'retry', delayMs: 100 },
      { type: 'retry', delayMs: 200 },
      undefined,
    ]);
    expect(context.metadata.get('retry.stopped')).toBe('max-retries');
  });

  it('lets non-retryable errors through untouched', async () => {
    const middleware = retry({ now: () => 0 });
    const context = contextOn();
    await middleware.onRequest?.(request, context);
    for (const code of ['invalid_request', 'authentication', 'cancelled', 'circuit_open'] as const) {
      expect(await middleware.onError?.(new ConnectorError(code, code), context)).toBeUndefined();
    }
    // a provider may mark a normally fatal code as retryable, and the flag wins
    const transient = new ConnectorError('invalid_request', 'documented as transient', { retryable: true });
    expect(await middleware.onError?.(transient, context)).toMatchObject({ type: 'retry' });
  });

  it('never retries sooner than retryAfterMs, and keeps a longer jittered delay', async () => {
    const low = retry({ baseDelayMs: 1000, random: () => 0, now: () => 0 });
    const context = contextOn();
    await low.onRequest?.(request, context);
    const limited = new ConnectorError('rate_limit', 'Slow down.', { retryAfterMs: 700 });
    expect(await low.onError?.(limited, context)).toEqual({ type: 'retry', delayMs: 700 });

    const high = retry({ baseDelayMs: 1000, random: () => 0.9, now: () => 0 });
    const second = contextOn();
    await high.onRequest?.(request, second);
    expect(await high.onError?.(limited, second)).toEqual({ type: 'retry', delayMs: 900 });
  });

  it('gives up when the wait would end after maxElapsedMs', async () => {
    let clock = 10_000;
    const middleware = retry({ maxElapsedMs: 1000, random: () => 0, now: () => clock });
    const context = contextOn();
    await middleware.onRequest?.(request, context);
    clock += 800;
    const fitting = new ConnectorError('rate_limit', 'Slow down.', { retryAfterMs: 200 });
    expect(await middleware.onError?.(fitting, context)).toEqual({ type: 'retry', delayMs: 200 });
    const tooLong = new ConnectorError('rate_limit', 'Slow down.', { retryAfterMs: 201 });
    expect(await middleware.onError?.(tooLong, context)).toBeUndefined();
    expect(context.metadata.get('retry.stopped')).toBe('elapsed');
    expect(middleware.budgetUsage('openai').retries).toBe(1);
  });

  it('never asks to retry a stream that already yielded content, and spends no budget on it', async () => {
    const middleware = retry({ now: () => 0 });
    // the stream's first chunks reached the caller before it broke
    const context = contextOn({ contentYielded: true });
    await middleware.onRequest?.(request, context);
    expect(await middleware.onError?.(new ConnectorError('stream', 'cut'), context)).toBeUndefined();
    expect(middleware.budgetUsage('openai')).toEqual({ requests: 1, retries: 0 });
  });

  it('starts counting retries again on a fallback target, and counts it as a request there', async () => {
    const middleware = retry({ maxRetries: 1, random: () => 0, now: () => 0 });
    const context = contextOn();
    await middleware.onRequest?.(request, context);
    expect(await middleware.onError?.(providerError(), context)).toMatchObject({ type: 'retry' });
    context.nextAttempt();
    await middleware.onRequest?.(request, context);
    expect(await middleware.onError?.(providerError(), context)).toBeUndefined();
    context.nextAttempt({ providerId: 'anthropic', model: 'claude' });
    await middleware.onRequest?.(request, context);
    expect(await middleware.onError?.(providerError(), context)).toMatchObject({ type: 'retry' });
    expect(middleware.budgetUsage('openai')).toEqual({ requests: 1, retries: 1 });
    expect(middleware.budgetUsage('anthropic')).toEqual({ requests: 1, retries: 1 });
  });

  it('gives up when the provider retry budget is spent', async () => {
    const middleware = retry({
      budgetRatio: 0,
      minRetriesPerSecond: 0.1,
      budgetWindowMs: 10_000,
      now: () => 0,
    });
    const first = contextOn();
    await middleware.onRequest?.(request, first);
    expect(await middleware.onError?.(providerError(), first)).toMatchObject({ type: 'retry' });
    const second = contextOn();
    await middleware.onRequest?.(request, second);
    expect(await middleware.onError?.(providerError(), second)).toBeUndefined();
    expect(second.metadata.get('retry.stopped')).toBe('budget');
  });

  it('validates options when created, naming the field', () => {
    const cases: Array<[Parameters<typeof retry>[0], string]> = [
      [{ maxRetries: -1 }, 'maxRetries'],
      [{ maxRetries: 1.5 }, 'maxRetries'],
      [{ baseDelayMs: Number.NaN }, 'baseDelayMs'],
      [{ baseDelayMs: 500, maxDelayMs: 100 }, 'maxDelayMs'],
      [{ maxElapsedMs: -5 }, 'maxElapsedMs'],
      [{ budgetRatio: -0.1 }, 'budgetRatio'],
      [{ budgetWindowMs: 0 }, 'budgetWindowMs'],
      [{ minRetriesPerSecond: Number.POSITIVE_INFINITY }, 'minRetriesPerSecond'],
      [{ random: 4 as unknown as () => number }, 'random'],
    ];
    for (const [options, path] of cases) {
      let thrown: unknown;
      try {
        retry(options);
      } catch (error) {
        thrown = error;
      }
      expect(ConfigError.isConfigError(thrown), path).toBe(true);
      expect((thrown as ConfigError).path).toBe(path);
    }
  });
});

describe('retry (through a hub)', () => {
  it('retries failed attempts on the same target until one succeeds', async () => {
    // fake timers: the backoff waits pass on the fake clock, and maxElapsedMs is measured on it
    vi.useFakeTimers();
    const plugin = mockPlugin({
      script: [
        { type: 'error', error: providerError() },
        { type: 'error', error: new ConnectorError('rate_limit', 'Slow down.', { retryAfterMs: 2 }) },
        { type: 'text', text: 'third time lucky' },
      ],
    });
    const { counts, collector } = counter();
    const hub = createHub({
      plugins: [plugin, retryPlugin({ baseDelayMs: 1, maxDelayMs: 2 })],
      metrics: [collector],
    });
    const answer = hub.complete(request);
    await vi.runAllTimersAsync();
    const response = await answer;
    expect(response.text).toBe('third time lucky');
    expect(plugin.provider.calls).toHaveLength(3);
    expect(counts.retries).toBe(2);
  });

  it('lets a 429 it gives up on reach the caller as it came, with its retryAfterMs', async () => {
    vi.useFakeTimers();
    const limited = (retryAfterMs: number) =>
      new ConnectorError('rate_limit', 'Rate limit reached (429).', {
        status: 429,
        retryAfterMs,
        providerId: 'mock',
      });
    const plugin = mockPlugin({ defaultReply: () => ({ type: 'error', error: limited(1000) }) });
    const hub = createHub({ plugins: [plugin, retryPlugin({ maxRetries: 2 })] });
    const outcome = hub.complete(request).catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    expect(await outcome).toMatchObject({ code: 'rate_limit', retryAfterMs: 1000, status: 429 });
    expect(plugin.provider.calls).toHaveLength(3);

    // a wait longer than the call's time budget is not attempted: the 429 comes back at once
    const patient = mockPlugin({ defaultReply: () => ({ type: 'error', error: limited(120_000) }) });
    const budgeted = createHub({ plugins: [patient, retryPlugin({ maxElapsedMs: 60_000 })] });
    await expect(budgeted.complete(request)).rejects.toMatchObject({
      code: 'rate_limit',
      retryAfterMs: 120_000,
    });
    expect(patient.provider.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('caps amplification: 1000 requests that all fail cause at most 20 % + reserve retries', async () => {
    const provider = createMockProvider({ defaultReply: () => ({ type: 'error', error: providerError() }) });
    const middleware = retry({ random: () => 0, now: () => 0 });
    const hub = createHub({ providers: [provider], middleware: [middleware] });
    const outcomes = await Promise.allSettled(Array.from({ length: 1000 }, () => hub.complete(request)));
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    // without the budget, maxRetries 3 would make this 4000 upstream calls
    const retries = provider.calls.length - 1000;
    expect(retries).toBeLessThanOrEqual(1000 * 0.2 + 10);
    // and the budget is used, not wasted: every allowed retry happened
    expect(retries).toBe(210);
    expect(middleware.budgetUsage('mock')).toEqual({ requests: 1000, retries: 210 });
  });

  it('ends a call promptly with cancelled when aborted during a backoff wait', async () => {
    vi.useFakeTimers();
    const plugin = mockPlugin({ script: [{ type: 'error', error: providerError() }] });
    const inner = retry({ baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.99 });
    let decided: () => void = () => {};
    const retryDecided = new Promise<void>((resolve) => {
      decided = resolve;
    });
    // the same middleware, telling the test when it asked for the wait
    const observed = {
      ...inner,
      async onError(...args: Parameters<NonNullable<typeof inner.onError>>) {
        const action = await inner.onError?.(...args);
        decided();
        return action;
      },
    };
    const hub = createHub({ plugins: [plugin], middleware: [observed] });
    const controller = new AbortController();
    const call = hub.complete(request, { signal: controller.signal });
    const settled = call.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await retryDecided;
    // let the hub enter its wait (microtasks only: fake timers never advance here)
    for (let tick = 0; tick < 5; tick++) await Promise.resolve();
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    const outcome = await settled;
    expect(ConnectorError.isInstance(outcome)).toBe(true);
    expect((outcome as ConnectorError).code).toBe('cancelled');
    // the wait's timer was cleared, and the provider was never called again
    expect(vi.getTimerCount()).toBe(0);
    expect(plugin.provider.calls).toHaveLength(1);
  });

  it('retries a stream that failed before any content, but never one that already yielded content', async () => {
    const plugin = mockPlugin({
      script: [
        { type: 'error', error: new ConnectorError('network', 'reset') },
        { type: 'text', text: 'recovered stream' },
        { type: 'error', error: new ConnectorError('stream', 'cut mid-way'), afterChunks: 2 },
      ],
    });
    const middleware = retry({ baseDelayMs: 1, maxDelayMs: 1, now: () => 0 });
    const hub = createHub({ plugins: [plugin], middleware: [middleware] });

    let text = '';
    for await (const chunk of hub.stream(request)) if (chunk.type === 'text-delta') text += chunk.text;
    expect(text).toBe('recovered stream');
    expect(plugin.provider.calls).toHaveLength(2);

    const received: string[] = [];
    let failure: unknown;
    try {
      for await (const chunk of hub.stream(request))
        if (chunk.type === 'text-delta') received.push(chunk.text);
    } catch (error) {
      failure = error;
    }
    expect(received).toHaveLength(2);
    expect((failure as ConnectorError).code).toBe('stream');
    expect(plugin.provider.calls).toHaveLength(3);
    expect(middleware.budgetUsage('mock')).toEqual({ requests: 2, retries: 1 });
  });
});

describe('retry (embeddings and token counting)', () => {
  it('retries a 503 of an embedding call, which a chat-only middleware never sees', async () => {
    vi.useFakeTimers();
    const provider = createEmbeddingMock();
    provider.failures.push(providerError(), providerError());
    const chatOnly: string[] = [];
    const thirdParty: Middleware = {
      name: 'chat-only',
      onRequest: (_request, context) => {
        chatOnly.push(context.operation);
      },
    };
    const middleware = retry({ baseDelayMs: 1, maxDelayMs: 2 });
    const hub = createHub({ providers: [provider], middleware: [middleware, thirdParty] });
    const answer = hub.embed({ model: 'mock/mock-1', input: ['a', 'b'] });
    await vi.runAllTimersAsync();
    const response = await answer;
    expect(response.embeddings).toHaveLength(2);
    expect(provider.embedCalls.map((call) => call.operation)).toEqual(['embed', 'embed', 'embed']);
    expect(middleware.budgetUsage('mock')).toEqual({ requests: 1, retries: 2 });
    expect(chatOnly).toEqual([]);
  });

  it('lets a non-retryable embedding error through at once', async () => {
    const provider = createEmbeddingMock();
    provider.failures.push(new ConnectorError('invalid_request', 'input too long', { providerId: 'mock' }));
    const hub = createHub({ providers: [provider], middleware: [retry({ now: () => 0 })] });
    await expect(hub.embed({ model: 'mock/mock-1', input: 'x' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(provider.embedCalls).toHaveLength(1);
  });

  it('retries a rate-limited token count after its Retry-After', async () => {
    vi.useFakeTimers();
    const provider = createEmbeddingMock();
    provider.failures.push(new ConnectorError('rate_limit', 'Slow down.', { retryAfterMs: 1500 }));
    const hub = createHub({ providers: [provider], plugins: [retryPlugin({ random: () => 0 })] });
    const counted = hub.countTokens(request);
    // the retry waits out Retry-After, not the (zero) jittered backoff
    await vi.advanceTimersByTimeAsync(1499);
    expect(provider.embedCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await counted).toMatchObject({ inputTokens: 42, exact: true });
    expect(provider.embedCalls.map((call) => call.operation)).toEqual(['count-tokens', 'count-tokens']);
  });
});
