import {
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  ConnectorError,
  createHub,
  createTargetStatsStore,
  type ErrorCode,
  type MetricsCollector,
  type Middleware,
  type MiddlewareContext,
  type TargetStatsStore,
} from '@hub/core';
import { createEmbeddingMock, createTestContext, mockPlugin } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CircuitBreaker, circuitBreaker } from './circuit-breaker.js';
import { CIRCUIT_BREAKER_DEFAULTS, type CircuitBreakerOptions } from './circuit-breaker-options.js';
import { circuitBreakerPlugin } from './circuit-breaker-plugin.js';
import type { CircuitStateChange } from './circuit-state-change.js';

const request: CompletionRequest = { model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] };
const response = { text: 'ok' } as CompletionResponse;

/** mulberry32: a tiny seeded PRNG, so a random failure pattern is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A breaker with a hand-driven clock, and helpers that play one call at a time through its hooks
 * the way the hub does, sharing one stats store and metrics recorder. `Date` is faked and moved
 * with the clock, so the health marks (kept in wall-clock time) expire exactly when the breaker
 * says, never because the machine was slow.
 */
function harness(options: CircuitBreakerOptions = {}) {
  let clock = 1_000_000;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
  const changes: CircuitStateChange[] = [];
  const recorded: Array<[string, string]> = [];
  const stats: TargetStatsStore = createTargetStatsStore();
  const metrics: MetricsCollector = {
    name: 'recorder',
    recordRequest: () => {},
    recordCircuitState: (target, state) => {
      recorded.push([target, state]);
    },
  };
  const breaker = circuitBreaker({
    now: () => clock,
    onStateChange: (change) => changes.push(change),
    ...options,
  });

  const contextFor = (target = 'openai/gpt-4o', controller = new AbortController()): MiddlewareContext => {
    const [providerId, model] = target.split('/') as [string, string];
    return createTestContext({ providerId, model, signal: controller.signal, stats, metrics });
  };

  /** Starts a call: returns its context, or the circuit_open error that refused it. */
  const start = (target?: string): MiddlewareContext | ConnectorError => {
    const context = contextFor(target);
    try {
      breaker.onRequest?.(request, context);
      return context;
    } catch (error) {
      if (ConnectorError.isInstance(error)) return error;
      throw error;
    }
  };
  const admitted = (target?: string): MiddlewareContext => {
    const context = start(target);
    if (ConnectorError.isInstance(context)) throw new Error(`expected admission, got: ${context.message}`);
    return context;
  };
  const succeed = (context: MiddlewareContext): void => {
    breaker.onResponse?.(response, context);
  };
  const fail = (context: MiddlewareContext, code: ErrorCode = 'provider'): void => {
    breaker.onError?.(new ConnectorError(code, `failed with ${code}`), context);
  };
  const call = (outcome: 'ok' | ErrorCode, target?: string): void => {
    const context = admitted(target);
    if (outcome === 'ok') succeed(context);
    else fail(context, outcome);
  };

  return {
    breaker,
    changes,
    recorded,
    stats,
    contextFor,
    start,
    admitted,
    succeed,
    fail,
    call,
    advance: (ms: number) => {
      clock += ms;
      vi.setSystemTime(clock);
    },
    now: () => clock,
    transitions: () => changes.map((change) => `${change.from}>${change.to}:${change.reason}`),
  };
}

const isRefusal = (value: unknown): value is ConnectorError =>
  ConnectorError.isInstance(value) && value.code === 'circuit_open';

afterEach(() => {
  vi.useRealTimers();
});

describe('circuitBreaker (state machine)', () => {
  it('opens after consecutiveFailures (when set) and refuses at once, naming the target and the wait', () => {
    const test = harness({ consecutiveFailures: 5 });
    for (let index = 0; index < 4; index++) test.call('network');
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
    test.call('timeout');
    expect(test.breaker.state('openai/gpt-4o')).toBe('open');
    expect(test.transitions()).toEqual(['closed>open:consecutive-failures']);
    expect(test.recorded).toEqual([['openai/gpt-4o', 'open']]);
    expect(test.changes[0]?.openUntil).toBe(1_000_000 + 30_000);

    test.advance(10_000);
    const refusal = test.start();
    expect(isRefusal(refusal)).toBe(true);
    expect((refusal as ConnectorError).message).toContain('"openai/gpt-4o"');
    expect((refusal as ConnectorError).retryAfterMs).toBe(20_000);
    expect((refusal as ConnectorError).providerId).toBe('openai');
    // selectors skip it meanwhile
    expect(test.stats.get({ providerId: 'openai', model: 'gpt-4o' }).healthy).toBe(false);
  });

  it('a success resets the consecutive count', () => {
    const test = harness({ consecutiveFailures: 5, minimumCalls: 100 });
    for (let round = 0; round < 5; round++) {
      for (let index = 0; index < 4; index++) test.call('provider');
      test.call('ok');
    }
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
  });

  it('goes closed → open → half-open → closed, probing with one call at a time', () => {
    const test = harness({ consecutiveFailures: 5, openMs: 1000 });
    for (let index = 0; index < 5; index++) test.call('overloaded');
    test.advance(999);
    expect(isRefusal(test.start())).toBe(true);
    test.advance(1);
    const probe = test.admitted();
    expect(test.breaker.state('openai/gpt-4o')).toBe('half-open');
    // probe limiting: a second call while the probe is in flight is refused, without a wait hint
    const second = test.start();
    expect(isRefusal(second)).toBe(true);
    expect((second as ConnectorError).retryAfterMs).toBeUndefined();
    expect((second as ConnectorError).message).toContain('half-open');
    test.succeed(probe);
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
    expect(test.stats.get({ providerId: 'openai', model: 'gpt-4o' }).healthy).toBe(true);
    expect(test.transitions()).toEqual([
      'closed>open:consecutive-failures',
      'open>half-open:open-elapsed',
      'half-open>closed:probe-succeeded',
    ]);
    expect(test.recorded.map(([, state]) => state)).toEqual(['open', 'half-open', 'closed']);
    // closed again with a fresh count: four failures do not re-open it
    for (let index = 0; index < 4; index++) test.call('provider');
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
  });

  it('re-opens for another openMs when the probe fails', () => {
    const test = harness({ consecutiveFailures: 5, openMs: 1000 });
    for (let index = 0; index < 5; index++) test.call('provider');
    test.advance(1000);
    const probe = test.admitted();
    test.advance(50);
    test.fail(probe, 'network');
    expect(test.breaker.state('openai/gpt-4o')).toBe('open');
    const refusal = test.start();
    expect((refusal as ConnectorError).retryAfterMs).toBe(1000);
    expect(test.transitions()).toEqual([
      'closed>open:consecutive-failures',
      'open>half-open:open-elapsed',
      'half-open>open:probe-failed',
    ]);
    expect(test.stats.get({ providerId: 'openai', model: 'gpt-4o' }).healthy).toBe(false);
  });

  it('admits halfOpenProbes probes at once; a probe that ends without a verdict frees its slot', () => {
    const test = harness({ consecutiveFailures: 5, openMs: 1000, halfOpenProbes: 2 });
    for (let index = 0; index < 5; index++) test.call('provider');
    test.advance(1000);
    const first = test.admitted();
    const second = test.admitted();
    expect(isRefusal(test.start())).toBe(true);
    // an invalid request says nothing about health: the slot is freed, the circuit stays half-open
    test.fail(first, 'invalid_request');
    expect(test.breaker.state('openai/gpt-4o')).toBe('half-open');
    const third = test.admitted();
    // a caller that abandons its call (onSettled without onResponse/onError) frees its slot too
    test.breaker.onSettled?.({ ok: false, error: new ConnectorError('cancelled', 'gone') }, third);
    const fourth = test.admitted();
    test.succeed(second);
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
    // the other probe's outcome is now stale and changes nothing
    test.fail(fourth, 'provider');
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
  });

  it('opens on the failure rate over the window once minimumCalls is reached', () => {
    const test = harness({ minimumCalls: 10 });
    // alternate so that no run of failures is long: 5 failures in 10 calls = 50 %
    const script: Array<'ok' | ErrorCode> = ['ok', 'provider'];
    for (let index = 0; index < 9; index++) test.call(script[index % 2] as 'ok' | ErrorCode);
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
    test.call('provider');
    expect(test.breaker.state('openai/gpt-4o')).toBe('open');
    expect(test.changes[0]).toMatchObject({ reason: 'failure-rate', failureRate: 0.5 });
  });

  it('stays closed below the threshold, and with fewer than minimumCalls even at 100 %', () => {
    const below = harness({ minimumCalls: 10 });
    for (let index = 0; index < 30; index++)
      below.call(index % 5 === 2 || index % 5 === 4 ? 'provider' : 'ok');
    expect(below.breaker.state('openai/gpt-4o')).toBe('closed');

    const few = harness({ minimumCalls: 10 });
    for (let index = 0; index < 9; index++) few.call('provider');
    expect(few.breaker.state('openai/gpt-4o')).toBe('closed');
    few.call('provider');
    expect(few.breaker.state('openai/gpt-4o')).toBe('open');
  });

  it('forgets failures that slid out of the window', () => {
    const test = harness({ minimumCalls: 10, windowMs: 10_000 });
    for (let index = 0; index < 9; index++) test.call('provider');
    test.advance(11_000);
    test.call('provider');
    for (let index = 0; index < 9; index++) test.call('ok');
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
  });

  it('counts only failures that say something about the provider', () => {
    const test = harness({ minimumCalls: 10, consecutiveFailures: 3 });
    for (const code of [
      'invalid_request',
      'authentication',
      'cancelled',
      'content_filter',
      'not_found',
    ] as const) {
      for (let index = 0; index < 10; index++) test.call(code);
    }
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
    // the caller's own abort or deadline does not count either
    for (let index = 0; index < 10; index++) {
      const controller = new AbortController();
      const context = test.contextFor('openai/gpt-4o', controller);
      test.breaker.onRequest?.(request, context);
      controller.abort();
      test.fail(context, 'timeout');
    }
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
  });

  it('counts rate limits only when failureCodes lists them', () => {
    const lenient = harness();
    for (let index = 0; index < 100; index++) lenient.call('rate_limit');
    expect(lenient.breaker.state('openai/gpt-4o')).toBe('closed');

    const counting = harness({ failureCodes: ['rate_limit'], minimumCalls: 5 });
    for (let index = 0; index < 5; index++) counting.call('rate_limit');
    expect(counting.breaker.state('openai/gpt-4o')).toBe('open');
  });

  it('ignores outcomes of calls admitted before the circuit changed', () => {
    const test = harness({ consecutiveFailures: 5, openMs: 1000 });
    const slow = test.admitted();
    for (let index = 0; index < 5; index++) test.call('provider');
    test.advance(1000);
    const probe = test.admitted();
    // the slow call from the closed period succeeds now: it must not close the circuit
    test.succeed(slow);
    expect(test.breaker.state('openai/gpt-4o')).toBe('half-open');
    test.succeed(probe);
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
  });

  it('keeps one circuit per model by default, and one per provider with scope provider', () => {
    const perModel = harness({ consecutiveFailures: 5 });
    for (let index = 0; index < 5; index++) perModel.call('provider', 'openai/gpt-4o');
    expect(perModel.breaker.state('openai/gpt-4o')).toBe('open');
    expect(perModel.breaker.state({ providerId: 'openai', model: 'gpt-4o-mini' })).toBe('closed');
    perModel.call('ok', 'openai/gpt-4o-mini');

    const perProvider = harness({ scope: 'provider', consecutiveFailures: 5 });
    for (let index = 0; index < 5; index++) perProvider.call('provider', `openai/model-${index % 2}`);
    expect(perProvider.breaker.state('openai')).toBe('open');
    expect(perProvider.breaker.state('openai/any-model')).toBe('open');
    expect(perProvider.recorded).toEqual([['openai', 'open']]);
    expect(isRefusal(perProvider.start('openai/model-9'))).toBe(true);
    // a provider-wide health mark makes every model of it unhealthy for selectors
    expect(perProvider.stats.get({ providerId: 'openai', model: 'model-9' }).healthy).toBe(false);
  });

  it('asks for provider/model in state() when the scope is model', () => {
    const test = harness();
    expect(() => test.breaker.state('openai')).toThrow(ConfigError);
    expect(() => test.breaker.state({ providerId: 'openai' })).toThrow(/provider\/model/);
  });

  it('survives a listener that throws', () => {
    const test = harness({
      consecutiveFailures: 5,
      onStateChange: () => {
        throw new Error('listener broke');
      },
    });
    for (let index = 0; index < 5; index++) test.call('provider');
    expect(test.breaker.state('openai/gpt-4o')).toBe('open');
  });

  it('validates options when created, naming the field', () => {
    const cases: Array<[CircuitBreakerOptions, string]> = [
      [{ scope: 'region' as 'model' }, 'scope'],
      [{ windowMs: 0 }, 'windowMs'],
      [{ minimumCalls: 0 }, 'minimumCalls'],
      [{ failureRateThreshold: 0 }, 'failureRateThreshold'],
      [{ failureRateThreshold: 1.5 }, 'failureRateThreshold'],
      [{ consecutiveFailures: 2.5 }, 'consecutiveFailures'],
      [{ openMs: Number.POSITIVE_INFINITY }, 'openMs'],
      [{ halfOpenProbes: 0 }, 'halfOpenProbes'],
      [{ consecutiveFailures: 0 }, 'consecutiveFailures'],
      [{ maxCircuits: 0 }, 'maxCircuits'],
      [{ maxCircuits: 10.5 }, 'maxCircuits'],
      [{ failureCodes: ['network', 'cancelled'] }, 'failureCodes.1'],
      [{ failureCodes: ['bogus' as ErrorCode] }, 'failureCodes.0'],
      [{ onStateChange: 'nope' as unknown as () => void }, 'onStateChange'],
    ];
    for (const [options, path] of cases) {
      let thrown: unknown;
      try {
        circuitBreaker(options);
      } catch (error) {
        thrown = error;
      }
      expect(ConfigError.isConfigError(thrown), path).toBe(true);
      expect((thrown as ConfigError).path).toBe(path);
    }
  });
});

describe('circuitBreaker (defaults)', () => {
  it('keeps the circuit closed through 10 000 calls failing 30 % at random', () => {
    const random = seededRandom(30);
    const test = harness();
    let failures = 0;
    for (let index = 0; index < 10_000; index++) {
      // 100 calls per second: the 60 s window holds thousands of calls
      test.advance(10);
      if (random() < 0.3) {
        failures++;
        test.call('provider');
      } else {
        test.call('ok');
      }
    }
    expect(failures).toBeGreaterThan(2800);
    expect(test.transitions()).toEqual([]);
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
  });

  it('under the old defaults, the same failures shut the target off again and again', () => {
    const random = seededRandom(30);
    const test = harness({ windowMs: 10_000, minimumCalls: 10, consecutiveFailures: 5 });
    let refused = 0;
    for (let index = 0; index < 10_000; index++) {
      test.advance(10);
      const context = test.start();
      if (isRefusal(context)) {
        refused++;
        continue;
      }
      if (random() < 0.3) test.fail(context);
      else test.succeed(context);
    }
    expect(test.transitions()).toContain('closed>open:consecutive-failures');
    expect(refused).toBeGreaterThan(1000);
  });

  it('needs minimumCalls calls before the rate can open it, and has no consecutive-failure rule', () => {
    const test = harness();
    expect(CIRCUIT_BREAKER_DEFAULTS.consecutiveFailures).toBeUndefined();
    for (let index = 0; index < 19; index++) test.call('network');
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
    test.call('network');
    expect(test.breaker.state('openai/gpt-4o')).toBe('open');
    expect(test.changes[0]).toMatchObject({ reason: 'failure-rate', failureRate: 1 });
  });

  it('does not open on 429s, whatever their number', () => {
    const test = harness();
    for (let index = 0; index < 1000; index++) {
      const context = test.admitted();
      test.breaker.onError?.(
        new ConnectorError('rate_limit', 'Too many requests (429).', { status: 429, retryAfterMs: 1000 }),
        context,
      );
    }
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
    expect(test.changes).toEqual([]);
  });
});

describe('circuitBreaker (open period and Retry-After)', () => {
  const limited = (retryAfterMs?: number) =>
    new ConnectorError('rate_limit', 'Too many requests (429).', {
      status: 429,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });

  it('opens for no longer than the retryAfterMs of the failure that opened it', () => {
    const test = harness({ failureCodes: ['rate_limit'], minimumCalls: 5 });
    for (let index = 0; index < 5; index++) test.breaker.onError?.(limited(1000), test.admitted());
    expect(test.breaker.state('openai/gpt-4o')).toBe('open');
    const opened = test.changes[0] as CircuitStateChange;
    expect((opened.openUntil as number) - opened.at).toBeLessThanOrEqual(1000);
    const refusal = test.start() as ConnectorError;
    expect(isRefusal(refusal)).toBe(true);
    expect(refusal.retryAfterMs).toBeLessThanOrEqual(1000);
    expect(test.stats.get({ providerId: 'openai', model: 'gpt-4o' }).healthy).toBe(false);

    // 1000 ms later the upstream takes calls again: a probe goes through, not a 29 s refusal
    test.advance(1000);
    expect(test.stats.get({ providerId: 'openai', model: 'gpt-4o' }).healthy).toBe(true);
    const probe = test.admitted();
    expect(test.breaker.state('openai/gpt-4o')).toBe('half-open');
    test.succeed(probe);
    expect(test.breaker.state('openai/gpt-4o')).toBe('closed');
  });

  it("re-opens after a failed probe for that probe's retryAfterMs, or for openMs without one", () => {
    const test = harness({ failureCodes: ['rate_limit', 'provider'], minimumCalls: 5, openMs: 30_000 });
    for (let index = 0; index < 5; index++) test.breaker.onError?.(limited(1000), test.admitted());
    test.advance(1000);
    test.breaker.onError?.(limited(300), test.admitted());
    expect((test.start() as ConnectorError).retryAfterMs).toBe(300);
    test.advance(300);
    test.fail(test.admitted(), 'provider');
    expect((test.start() as ConnectorError).retryAfterMs).toBe(30_000);
    expect(test.transitions()).toEqual([
      'closed>open:failure-rate',
      'open>half-open:open-elapsed',
      'half-open>open:probe-failed',
      'open>half-open:open-elapsed',
      'half-open>open:probe-failed',
    ]);
  });

  it('never stays open longer than openMs, whatever the upstream announced', () => {
    const test = harness({ failureCodes: ['rate_limit'], minimumCalls: 5, openMs: 2000 });
    for (let index = 0; index < 5; index++) test.breaker.onError?.(limited(3_600_000), test.admitted());
    expect((test.start() as ConnectorError).retryAfterMs).toBe(2000);
  });
});

describe('circuitBreaker (bounded circuits)', () => {
  it('keeps at most maxCircuits circuits for 10 000 distinct targets', () => {
    const test = harness();
    for (let index = 0; index < 10_000; index++) test.call('ok', `openai/model-${index}`);
    expect(test.breaker.circuitCount()).toBe(CIRCUIT_BREAKER_DEFAULTS.maxCircuits);
    const small = harness({ maxCircuits: 10 });
    for (let index = 0; index < 10_000; index++) small.call('provider', `openai/model-${index}`);
    expect(small.breaker.circuitCount()).toBe(10);
  });

  it('forgets the least recently used closed circuit first, keeping open ones', () => {
    const test = harness({ maxCircuits: 3, consecutiveFailures: 2 });
    test.call('provider', 'a/m');
    test.call('provider', 'a/m');
    expect(test.breaker.state('a/m')).toBe('open');
    test.call('provider', 'b/m');
    test.call('provider', 'c/m');
    // d evicts the least recently used closed circuit: b (a is open, so it stays)
    test.call('ok', 'd/m');
    expect(test.breaker.circuitCount()).toBe(3);
    expect(test.breaker.state('a/m')).toBe('open');
    // c kept its failure: one more opens it; b starts again from nothing, so one does not
    test.call('provider', 'c/m');
    expect(test.breaker.state('c/m')).toBe('open');
    test.call('provider', 'b/m');
    expect(test.breaker.state('b/m')).toBe('closed');
    // b evicted d (closed, least recently used); now a and c are open and b is closed
    test.call('provider', 'b/m');
    expect(test.breaker.state('b/m')).toBe('open');
    // every circuit open: the least recently used of all (a) goes
    test.call('ok', 'e/m');
    expect(test.breaker.state('a/m')).toBe('closed');
    expect(test.breaker.state('c/m')).toBe('open');
    expect(test.breaker.circuitCount()).toBe(3);
  });

  it('counts recency from admissions: a circuit in use is not the one evicted', () => {
    const test = harness({ maxCircuits: 2, consecutiveFailures: 2 });
    test.call('provider', 'a/m');
    test.call('ok', 'b/m');
    test.call('ok', 'a/m');
    test.call('provider', 'a/m');
    // c evicts b, used less recently than a
    test.call('ok', 'c/m');
    test.call('provider', 'a/m');
    expect(test.breaker.state('a/m')).toBe('open');
  });
});

describe('circuitBreaker (through a hub)', () => {
  const routeHub = (breaker: CircuitBreaker, failing: { on: boolean }) => {
    const primary = mockPlugin({
      providerId: 'primary',
      defaultReply: () =>
        failing.on
          ? { type: 'error', error: new ConnectorError('network', 'ECONNRESET', { providerId: 'primary' }) }
          : { type: 'text', text: 'from primary' },
    });
    const secondary = mockPlugin({ providerId: 'secondary' });
    const hub = createHub({
      plugins: [primary, secondary],
      middleware: [breaker],
      routes: { main: ['primary/mock-1', 'secondary/mock-1'] },
    });
    return { hub, primary: primary.provider, secondary: secondary.provider };
  };
  const routed: CompletionRequest = { model: 'main', messages: [{ role: 'user', content: 'hi' }] };

  it('marks an open target unhealthy so the selector routes around it until it may probe', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const breaker = circuitBreaker({ consecutiveFailures: 3, openMs: 5000 });
    const failing = { on: true };
    const { hub, primary, secondary } = routeHub(breaker, failing);

    // each call fails on primary, and the hub falls back to secondary (retryable error)
    for (let index = 0; index < 3; index++) expect((await hub.complete(routed)).provider).toBe('secondary');
    expect(breaker.state('primary/mock-1')).toBe('open');
    expect(hub.stats('primary/mock-1').healthy).toBe(false);

    // open: the priority selector now puts secondary first; primary is not even asked
    for (let index = 0; index < 5; index++) expect((await hub.complete(routed)).provider).toBe('secondary');
    expect(primary.calls).toHaveLength(3);
    expect(secondary.calls).toHaveLength(8);

    // a direct call to the open target is refused without reaching it
    await expect(hub.complete({ ...routed, model: 'primary/mock-1' })).rejects.toMatchObject({
      code: 'circuit_open',
    });
    expect(primary.calls).toHaveLength(3);

    // after openMs the health mark lapses, primary is first again and its probe closes the circuit
    failing.on = false;
    vi.setSystemTime(1_000_000 + 5000);
    expect((await hub.complete(routed)).provider).toBe('primary');
    expect(breaker.state('primary/mock-1')).toBe('closed');
    expect(hub.stats('primary/mock-1').healthy).toBe(true);
  });

  it('frees the probe slot of a stream its caller abandoned', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const changes: string[] = [];
    const breaker = circuitBreaker({
      consecutiveFailures: 1,
      openMs: 1000,
      onStateChange: (change) => changes.push(change.to),
    });
    const plugin = mockPlugin({
      providerId: 'solo',
      script: [
        { type: 'error', error: new ConnectorError('overloaded', 'busy') },
        { type: 'text', text: 'a long answer in many words' },
        { type: 'text', text: 'probe two' },
      ],
    });
    const hub = createHub({ plugins: [plugin], middleware: [breaker] });
    await expect(hub.complete(request)).rejects.toMatchObject({ code: 'overloaded' });
    vi.setSystemTime(1_000_000 + 1000);
    for await (const chunk of hub.stream(request)) {
      expect(chunk.type).toBe('text-delta');
      break;
    }
    expect(breaker.state('solo/mock-1')).toBe('half-open');
    // the abandoned probe released its slot: the next call is admitted as a probe and closes it
    expect((await hub.complete(request)).text).toBe('probe two');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('reports state changes to the hub metrics collectors', async () => {
    // the open period is measured from now: a frozen Date keeps the third call inside it
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const states: string[] = [];
    const plugin = mockPlugin({
      providerId: 'solo',
      defaultReply: () => ({ type: 'error', error: new ConnectorError('provider', '500') }),
    });
    const breakerPlugin = circuitBreakerPlugin({ consecutiveFailures: 2 });
    const hub = createHub({
      plugins: [plugin, breakerPlugin],
      metrics: [
        {
          name: 'states',
          recordRequest: () => {},
          recordCircuitState: (target, state) => states.push(`${target}:${state}`),
        },
      ],
    });
    for (let index = 0; index < 3; index++) await expect(hub.complete(request)).rejects.toBeInstanceOf(Error);
    expect(states).toEqual(['solo/mock-1:open']);
    expect(breakerPlugin.breaker.state('solo/mock-1')).toBe('open');
    expect(plugin.provider.calls).toHaveLength(2);
  });
});

describe('circuitBreaker (embeddings and token counting)', () => {
  const ask = (model: string): CompletionRequest => ({ model, messages: [{ role: 'user', content: 'hi' }] });
  const overloaded = () => new ConnectorError('overloaded', 'Overloaded (529).', { providerId: 'solo' });

  it("opens an embedding model's circuit on its failures, leaving the chat model's closed", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const provider = createEmbeddingMock({ providerId: 'solo' });
    const chatOnly: string[] = [];
    const thirdParty: Middleware = {
      name: 'chat-only',
      onRequest: (_request, context) => {
        chatOnly.push(context.operation);
      },
    };
    const breaker = circuitBreaker({ consecutiveFailures: 2 });
    const hub = createHub({ providers: [provider], middleware: [breaker, thirdParty] });
    const embedding = { model: 'solo/embed-small', input: ['a', 'b'] };
    for (let index = 0; index < 2; index++) {
      provider.failures.push(overloaded());
      await expect(hub.embed(embedding)).rejects.toMatchObject({ code: 'overloaded' });
    }
    expect(breaker.state('solo/embed-small')).toBe('open');
    expect(hub.stats('solo/embed-small').healthy).toBe(false);
    // refused at once: the provider is not asked again
    await expect(hub.embed(embedding)).rejects.toMatchObject({ code: 'circuit_open' });
    expect(provider.embedCalls).toHaveLength(2);
    // the chat model is another target: its circuit stays closed and completions flow
    expect(breaker.state('solo/mock-1')).toBe('closed');
    expect((await hub.complete(ask('solo/mock-1'))).text).toBe('Echo: hi');
    expect(chatOnly).toEqual(['complete']);
  });

  it('neither counts token-counting failures nor refuses counting calls', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const provider = createEmbeddingMock({ providerId: 'solo' });
    const breaker = circuitBreaker({ consecutiveFailures: 1, scope: 'provider' });
    const hub = createHub({ providers: [provider], middleware: [breaker] });
    for (let index = 0; index < 3; index++) {
      provider.failures.push(overloaded());
      await expect(hub.countTokens(ask('solo/mock-1'))).rejects.toMatchObject({ code: 'overloaded' });
    }
    expect(breaker.state('solo')).toBe('closed');
    // a failing completion opens the provider's circuit, and counting still reaches the provider
    provider.enqueue({ type: 'error', error: overloaded() });
    await expect(hub.complete(ask('solo/mock-1'))).rejects.toMatchObject({ code: 'overloaded' });
    expect(breaker.state('solo')).toBe('open');
    expect(await hub.countTokens(ask('solo/mock-1'))).toMatchObject({ inputTokens: 42, exact: true });
    expect(provider.embedCalls).toHaveLength(4);
  });
});
