import { type CompletionRequest, ConnectorError, createHub } from '@hub/core';
import { type CircuitBreakerOptions, circuitBreakerPlugin } from '@hub/middleware-circuit-breaker';
import { retryPlugin } from '@hub/middleware-retry';
import { mockPlugin } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fallbackPlugin } from './fallback-plugin.js';

const request: CompletionRequest = { model: 'main', messages: [{ role: 'user', content: 'hi' }] };

/** A provider over its quota: every call is a 429 with `Retry-After: 1`. */
const limited = (providerId: string) =>
  mockPlugin({
    providerId,
    defaultReply: () => ({
      type: 'error',
      error: new ConnectorError('rate_limit', 'Rate limit reached (429).', {
        status: 429,
        retryAfterMs: 1000,
        providerId,
      }),
    }),
  });

/** Fallback, retry and breaker in the documented order, in front of two rate-limited targets. */
function rateLimitedHub(breakerOptions: CircuitBreakerOptions = {}) {
  const first = limited('first');
  const second = limited('second');
  const hub = createHub({
    plugins: [first, second, fallbackPlugin(), retryPlugin(), circuitBreakerPlugin(breakerOptions)],
    routes: { main: ['first/mock-1', 'second/mock-1'] },
    fallbackWhen: () => false,
  });
  /** One call, its retry waits run on the fake clock; resolves with what the caller got. */
  const call = async (): Promise<ConnectorError> => {
    const outcome = hub.complete(request).then(
      () => {
        throw new Error('a rate-limited route answered');
      },
      (error: unknown) => error as ConnectorError,
    );
    await vi.runAllTimersAsync();
    return outcome;
  };
  return { call, first: first.provider, second: second.provider };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('every target answering 429', () => {
  it('reaches the caller as rate_limit with the upstream retryAfterMs, call after call', async () => {
    vi.useFakeTimers();
    const { call, first, second } = rateLimitedHub();
    for (let index = 0; index < 30; index++) {
      const error = await call();
      expect(ConnectorError.isInstance(error), `call ${index}`).toBe(true);
      expect({ code: error.code, retryAfterMs: error.retryAfterMs }, `call ${index}`).toEqual({
        code: 'rate_limit',
        retryAfterMs: 1000,
      });
    }
    // the targets were asked every time: no circuit opened on a rate limit
    expect(first.calls.length).toBeGreaterThanOrEqual(30);
    expect(second.calls.length).toBeGreaterThanOrEqual(30);
  });

  it('with rate limits counted by the breaker, still tells the caller to come back within 1 s', async () => {
    vi.useFakeTimers();
    const { call } = rateLimitedHub({ failureCodes: ['rate_limit'], minimumCalls: 5 });
    const codes = new Set<string>();
    for (let index = 0; index < 30; index++) {
      const error = await call();
      codes.add(error.code);
      expect(error.retryAfterMs, `call ${index}`).toBeDefined();
      expect(error.retryAfterMs as number, `call ${index}`).toBeLessThanOrEqual(1000);
    }
    // the circuits did open (and refuse) in between, for no longer than the upstream asked
    expect([...codes].sort()).toEqual(['circuit_open', 'rate_limit']);
  });
});
