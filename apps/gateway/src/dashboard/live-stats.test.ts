import type { MetricLabels, RequestMeasurement } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { createLiveStats, MAX_TRACKED_CIRCUITS, MAX_TRACKED_TARGETS } from './live-stats.js';

const labels = (provider = 'openai', model = 'gpt-4o-mini'): MetricLabels => ({
  provider,
  model,
  operation: 'complete',
});
const success = (overrides: Partial<RequestMeasurement> = {}): RequestMeasurement => ({
  labels: labels(),
  outcome: 'success',
  durationMs: 200,
  usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
  costUsd: 0.001,
  ...overrides,
});

const failure = (outcome: RequestMeasurement['outcome'], durationMs: number): RequestMeasurement => ({
  labels: labels(),
  outcome,
  durationMs,
});

function clock(start: number) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

// 2023-11-14T22:13:20Z: a day boundary is 1h46m40s away
const START = 1_700_000_000_000;

describe('createLiveStats', () => {
  it('reports the last minute: rate, error rate, percentiles, tokens and cache hits', () => {
    const time = clock(START);
    const stats = createLiveStats({ now: time.now });
    for (let index = 0; index < 30; index++) {
      stats.collector.recordRequest(success({ durationMs: index < 29 ? 100 : 4_000 }));
      time.advance(1_000);
    }
    stats.collector.recordRequest(failure('timeout', 30_000));
    stats.collector.recordRequest(failure('cancelled', 90_000));
    stats.collector.recordCacheLookup?.(labels(), true);
    stats.collector.recordCacheLookup?.(labels(), false);
    stats.collector.recordCacheLookup?.(labels(), false);
    stats.collector.recordCacheLookup?.(labels(), false);
    stats.collector.recordRequest(
      success({ timeToFirstTokenMs: 300, labels: { ...labels(), operation: 'stream' } }),
    );

    const { current } = stats.overview(30_000);
    expect(current.requests).toBe(33);
    // over the last minute's buckets: now is 30 s past a 10 s boundary, so the five buckets before
    // the current one plus the current one span 50 s (START is on a boundary)
    expect(current.requestsPerSecond).toBeCloseTo(33 / 50, 5);
    // the cancelled call is no failure: the client left
    expect(current.errors).toBe(1);
    expect(current.errorRate).toBeCloseTo(1 / 33, 5);
    expect(current.latencyP50Ms).toBeGreaterThanOrEqual(100);
    expect(current.latencyP50Ms).toBeLessThan(130);
    // p99 of 32 measured calls (the cancelled one is not a latency) is the slowest, the timeout
    expect(current.latencyP99Ms).toBeGreaterThanOrEqual(30_000);
    expect(current.latencyP99Ms).toBeLessThan(90_000);
    expect(current.timeToFirstTokenP50Ms).toBeGreaterThanOrEqual(300);
    expect(current.cacheHitRate).toBe(0.25);
    expect(current.tokensPerSecond).toBeCloseTo((31 * 15) / 50, 5);
  });

  it('keeps an hour of series and lets older calls fall out of the last minute', () => {
    const time = clock(START);
    const stats = createLiveStats({ now: time.now });
    stats.collector.recordRequest(success());
    time.advance(10 * 60_000);
    stats.collector.recordRequest(success());
    stats.collector.recordRequest(failure('provider', 50));
    const overview = stats.overview(60_000);
    expect(overview.current.requests).toBe(2);
    expect(overview.series.stepMs).toBe(60_000);
    expect(overview.series.time).toHaveLength(60);
    expect(overview.series.time.at(-1)).toBe(Math.floor(time.now() / 60_000) * 60);
    const totalRequests = overview.series.requestsPerSecond.reduce((sum, rate) => sum + rate * 60, 0);
    // the last step is partial: its rate is over the seconds elapsed, so sum counts, not rates
    const counted = overview.series.requestsPerSecond.slice(0, -1).reduce((sum, rate) => sum + rate * 60, 0);
    expect(counted).toBeCloseTo(1, 5);
    expect(totalRequests).toBeGreaterThan(1);
    expect(overview.series.errorsPerSecond.some((rate) => rate > 0)).toBe(true);
    time.advance(61 * 60_000);
    const later = stats.overview(60_000);
    expect(later.current.requests).toBe(0);
    expect(later.series.requestsPerSecond.every((rate) => rate === 0)).toBe(true);
    expect(later.current.latencyP50Ms).toBeNull();
  });

  it('counts spend since 00:00 UTC and starts again at midnight', () => {
    const time = clock(Date.UTC(2025, 5, 1, 23, 59, 0));
    const stats = createLiveStats({ now: time.now });
    stats.collector.recordRequest(success({ costUsd: 0.25 }));
    stats.collector.recordRequest(success({ costUsd: 0.5 }));
    stats.collector.recordRequest(failure('timeout', 50));
    expect(stats.overview(30_000).spendToday).toEqual({
      costUsd: 0.75,
      requests: 3,
      since: '2025-06-01T00:00:00.000Z',
    });
    time.advance(2 * 60_000);
    expect(stats.overview(30_000).spendToday).toEqual({
      costUsd: 0,
      requests: 0,
      since: '2025-06-02T00:00:00.000Z',
    });
    stats.collector.recordRequest(success({ costUsd: 0.1 }));
    expect(stats.overview(30_000).spendToday.costUsd).toBeCloseTo(0.1, 10);
  });

  it('keeps per-target attempts, failures by code, cache hits and headroom', () => {
    const time = clock(START);
    const stats = createLiveStats({ now: time.now });
    const primary = labels('primary', 'gpt-4o-mini');
    stats.collector.recordAttemptError?.(primary, 'overloaded');
    stats.collector.recordAttemptError?.(primary, 'overloaded');
    stats.collector.recordAttemptError?.(primary, 'timeout');
    stats.collector.recordAttemptError?.(primary, 'cancelled');
    stats.collector.recordRequest(success({ labels: labels('secondary', 'gpt-4o-mini') }));
    stats.collector.recordRequest(success({ labels: labels('secondary', 'gpt-4o-mini'), cached: true }));
    stats.collector.recordRateLimit?.(primary, { waitedMs: 20, rejected: false });
    stats.collector.recordRateLimit?.(primary, { waitedMs: 0, rejected: true });
    stats.noteRateLimit(labels('secondary', 'gpt-4o-mini'), { remainingRequests: 42, remainingTokens: 9000 });

    const rows = stats.targets(['primary/gpt-4o-mini', 'secondary/gpt-4o-mini', 'tertiary/claude']);
    expect(rows.map((row) => `${row.provider}/${row.model}`)).toEqual([
      'primary/gpt-4o-mini',
      'secondary/gpt-4o-mini',
      'tertiary/claude',
    ]);
    const [first, second, third] = rows;
    expect(first).toMatchObject({
      attempts: 3,
      failures: 3,
      errorsByCode: { overloaded: 2, timeout: 1 },
      rateLimitWaits: 1,
      rateLimitRejections: 1,
    });
    expect(second).toMatchObject({
      attempts: 1,
      failures: 0,
      cacheHits: 1,
      tokens: 15,
      rateLimit: { remainingRequests: 42, remainingTokens: 9000, at: START },
    });
    expect(third).toMatchObject({ attempts: 0, lastSeen: null });
    // five minutes on, the figures are gone but the target stays listed
    time.advance(5 * 60_000);
    expect(stats.targets()[0]).toMatchObject({ provider: 'primary', attempts: 0, failures: 0 });
  });

  it('bounds targets and circuits, evicting the least recently active', () => {
    const stats = createLiveStats({ now: () => START });
    for (let index = 0; index <= MAX_TRACKED_TARGETS; index++)
      stats.collector.recordRequest(success({ labels: labels('p', `model-${index}`) }));
    const targets = stats.targets();
    expect(targets).toHaveLength(MAX_TRACKED_TARGETS);
    expect(targets.some((row) => row.model === 'model-0')).toBe(false);
    expect(targets.some((row) => row.model === `model-${MAX_TRACKED_TARGETS}`)).toBe(true);

    for (let index = 0; index <= MAX_TRACKED_CIRCUITS; index++)
      stats.collector.recordCircuitState?.(`p/model-${index}`, 'open');
    stats.collector.recordCircuitState?.(`p/model-1`, 'closed');
    const circuits = stats.circuits();
    expect(circuits).toHaveLength(MAX_TRACKED_CIRCUITS);
    expect(circuits[0]).toMatchObject({ target: 'p/model-1', state: 'closed' });
    expect(circuits.some((circuit) => circuit.target === 'p/model-0')).toBe(false);
  });

  it('never throws from the collector, whatever the measurement', () => {
    const stats = createLiveStats();
    expect(() =>
      stats.collector.recordRequest({
        labels: labels(),
        outcome: 'success',
        durationMs: Number.NaN,
      } as RequestMeasurement),
    ).not.toThrow();
    expect(() => stats.collector.recordRequest(null as unknown as RequestMeasurement)).not.toThrow();
  });
});
