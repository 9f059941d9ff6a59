import {
  type CompletionRequest,
  ConnectorError,
  createHub,
  type ErrorCode,
  type MetricsCollector,
  toConnectorError,
} from '@hub/core';
import { circuitBreakerPlugin } from '@hub/middleware-circuit-breaker';
import { retryPlugin } from '@hub/middleware-retry';
import { type MockStep, mockPlugin } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fallbackPlugin } from './fallback-plugin.js';

const REQUESTS = 1000;
const CONCURRENCY = 50;
const FAILURE_RATE = 0.3;
// Virtual time: every request starts 5 ms after the previous one, so the run spans 5 s of the
// clock the retry budget, the breaker and the stats store read, however slow the machine is.
const MS_PER_REQUEST = 5;
// Between these virtual times the flaky provider is down altogether (requests 300 to 599)
const OUTAGE_FROM_MS = 1500;
const OUTAGE_UNTIL_MS = 3000;
const OPEN_MS = 100;
const BUDGET_RATIO = 0.2;
const MIN_RETRIES_PER_SECOND = 1;
const BUDGET_WINDOW_MS = 10_000;
// the budget's fixed reserve: minRetriesPerSecond × window seconds
const RESERVE = (MIN_RETRIES_PER_SECOND * BUDGET_WINDOW_MS) / 1000;

/** mulberry32: a tiny seeded PRNG, so the failure pattern is the same on every run. */
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
 * Fails 30 % of calls, evenly split between a 429 with Retry-After, a 503 and a reset socket; and
 * every call (a 503) while `down()` says the provider is in its outage.
 */
function flakyReply(
  random: () => number,
  injected: Record<string, number>,
  down: () => boolean,
): () => MockStep {
  return () => {
    const draw = down() ? 0.5 * FAILURE_RATE : random();
    if (draw >= FAILURE_RATE) return { type: 'text', text: 'from flaky', delayMs: 1 };
    const kind = Math.floor((draw / FAILURE_RATE) * 3);
    let error: ConnectorError;
    if (kind === 0) {
      error = new ConnectorError('rate_limit', 'Rate limited (429).', {
        status: 429,
        retryAfterMs: 5,
        providerId: 'flaky',
      });
    } else if (kind === 1) {
      error = new ConnectorError('provider', 'Service unavailable (503).', {
        status: 503,
        providerId: 'flaky',
      });
    } else {
      // what a reset socket looks like when it reaches the provider boundary
      const socketError = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      error = toConnectorError(socketError, { providerId: 'flaky', model: 'mock-1' });
    }
    injected[error.code] = (injected[error.code] ?? 0) + 1;
    return { type: 'error', error, delayMs: 1 };
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('retry + circuit breaker + fallback', () => {
  it('serves 1000 requests against a 30 %-failing provider with an outage, all successfully, within the retry budget', async () => {
    // only Date is faked (the stats store's health marks read it): replies and backoff waits use
    // real timers, so the 50 concurrent calls interleave as they would over real I/O
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = 1_000_000;
    let clock = start;
    vi.setSystemTime(clock);
    const now = () => clock;
    const inOutage = () => clock - start >= OUTAGE_FROM_MS && clock - start < OUTAGE_UNTIL_MS;
    const injected: Record<string, number> = {};
    const flaky = mockPlugin({
      providerId: 'flaky',
      defaultReply: flakyReply(seededRandom(7), injected, inOutage),
    });
    // every reply takes a timer tick, like real I/O: an instant mock would answer the fallbacks in
    // one long run of microtasks and starve the flaky provider's timers
    const healthy = mockPlugin({
      providerId: 'healthy',
      defaultReply: () => ({ type: 'text', text: 'from healthy', delayMs: 1 }),
    });
    const counts = { retries: 0, fallbacks: 0, refusals: 0, attemptErrors: 0, opened: 0, closed: 0 };
    const collector: MetricsCollector = {
      name: 'counter',
      recordRequest: () => {},
      recordRetry: () => {
        counts.retries++;
      },
      recordFallback: () => {
        counts.fallbacks++;
      },
      recordAttemptError: (_labels, code: ErrorCode) => {
        counts.attemptErrors++;
        if (code === 'circuit_open') counts.refusals++;
      },
      recordCircuitState: (_target, state) => {
        if (state === 'open') counts.opened++;
        if (state === 'closed') counts.closed++;
      },
    };
    const retries = retryPlugin({
      baseDelayMs: 1,
      maxDelayMs: 5,
      budgetRatio: BUDGET_RATIO,
      budgetWindowMs: BUDGET_WINDOW_MS,
      minRetriesPerSecond: MIN_RETRIES_PER_SECOND,
      random: seededRandom(11),
      now,
    });
    // the breaker's defaults (failure rate ≥ 50 % over ≥ 20 calls in 60 s): 30 % never opens it,
    // the outage does; a short open period so that it probes, and recovers, within the run
    const breaker = circuitBreakerPlugin({ openMs: OPEN_MS, now });
    const hub = createHub({
      // outermost to innermost: fallback decides last, retry before it, the breaker sees everything
      plugins: [flaky, healthy, fallbackPlugin(), retries, breaker],
      routes: { main: ['flaky/mock-1', 'healthy/mock-1'] },
      // leave every fallback decision to the fallback middleware, so the counts below are its own
      fallbackWhen: () => false,
      metrics: [collector],
    });
    const request: CompletionRequest = { model: 'main', messages: [{ role: 'user', content: 'hi' }] };

    let next = 0;
    const served: string[] = [];
    const failures: unknown[] = [];
    const worker = async (): Promise<void> => {
      while (next < REQUESTS) {
        next++;
        clock = start + next * MS_PER_REQUEST;
        vi.setSystemTime(clock);
        try {
          // a signal per call, as a server gives each request; without one the hub's backoff waits
          // all listen on one shared never-aborting signal (reported to core: Node warns at 11)
          const signal = new AbortController().signal;
          served.push((await hub.complete(request, { signal })).provider);
        } catch (error) {
          failures.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(failures).toEqual([]);
    expect(served).toHaveLength(REQUESTS);

    const flakyCalls = flaky.provider.calls.length;
    const healthyCalls = healthy.provider.calls.length;
    const upstream = flakyCalls + healthyCalls;
    const flakyFailures = Object.values(injected).reduce((sum, count) => sum + count, 0);
    // the three error kinds were all exercised
    expect(Object.keys(injected).sort()).toEqual(['network', 'provider', 'rate_limit']);

    // Accounting: every request makes one first call (on flaky, or on healthy when the selector
    // ordered flaky last because its circuit was open), plus one per retry and one per fallback,
    // minus the first attempts the open circuit refused before any upstream call.
    expect(upstream).toBe(REQUESTS + counts.retries + counts.fallbacks - counts.refusals);
    // every failed attempt was an injected flaky failure or a circuit refusal (healthy never fails)
    expect(counts.attemptErrors).toBe(flakyFailures + counts.refusals);

    // The breaker: closed through the 30 % phase, opened by the outage (so calls were refused and
    // went to healthy without waiting on flaky), and closed again by a probe once flaky recovered.
    expect(counts.opened).toBeGreaterThanOrEqual(1);
    expect(counts.refusals).toBeGreaterThan(0);
    expect(counts.closed).toBeGreaterThanOrEqual(1);
    expect(breaker.breaker.state('flaky/mock-1')).toBe('closed');

    // The retry budget: at most budgetRatio of the requests counted for flaky (≤ 1000), plus the
    // reserve; the whole run is 5 s of the budget's clock, inside one 10 s window. Without the
    // budget, maxRetries 3 could add up to 3 retries per failed first attempt.
    expect(counts.retries).toBeLessThanOrEqual(REQUESTS * BUDGET_RATIO + RESERVE);
    expect(retries.middleware.budgetUsage('flaky').retries).toBe(counts.retries);
    expect(retries.middleware.budgetUsage('healthy').retries).toBe(0);

    // Fallbacks: with two targets and loop protection a request falls back at most once, and only
    // after a flaky failure that retry gave up on, or a refusal by the open circuit.
    expect(healthyCalls).toBeLessThanOrEqual(REQUESTS);
    expect(counts.fallbacks).toBeLessThanOrEqual(flakyFailures + counts.refusals);
    expect(counts.fallbacks).toBeLessThanOrEqual(REQUESTS);

    // The bound of the issue: upstream calls ≤ requests × (1 + budgetRatio) + reserve + fallbacks,
    // so at worst 1000 × 2.2 + 10 — in practice far less, because the failure rate is 30 %.
    expect(upstream).toBeLessThanOrEqual(REQUESTS * (1 + BUDGET_RATIO) + RESERVE + counts.fallbacks);
    expect(upstream).toBeLessThanOrEqual(REQUESTS * (2 + BUDGET_RATIO) + RESERVE);

    console.info(
      `resilience: ${REQUESTS} requests → ${upstream} upstream calls (flaky ${flakyCalls}, healthy ${healthyCalls}); ` +
        `injected failures ${JSON.stringify(injected)}, retries ${counts.retries}, fallbacks ${counts.fallbacks}, ` +
        `circuit opened ${counts.opened}× and closed ${counts.closed}×, refusals ${counts.refusals}`,
    );
  });
});
