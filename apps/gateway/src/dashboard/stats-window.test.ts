import { describe, expect, it } from 'vitest';
import { histogramQuantile } from './log-histogram.js';
import { StatsWindow } from './stats-window.js';

const BUCKET = 10_000;

describe('StatsWindow', () => {
  it('sums the buckets whose start lies in the range', () => {
    const window = new StatsWindow({ bucketMs: BUCKET, bucketCount: 6 });
    const start = 1_700_000_000_000;
    window.add(start, 'requests', 2);
    window.add(start + BUCKET, 'requests', 3);
    window.add(start + 2 * BUCKET + 9_999, 'requests', 5);
    window.addError(start + BUCKET, 'timeout');
    window.addError(start + BUCKET, 'timeout');
    window.addError(start, 'provider');
    expect(window.summarize(start, start + 3 * BUCKET).totals.requests).toBe(10);
    expect(window.summarize(start + BUCKET, start + 2 * BUCKET).totals.requests).toBe(3);
    expect(window.summarize(start, start + 3 * BUCKET).errorsByCode).toEqual({ timeout: 2, provider: 1 });
    expect(window.summarize(start + BUCKET, start + 2 * BUCKET).errorsByCode).toEqual({ timeout: 2 });
  });

  it('forgets a bucket once time has moved a whole window past it, and refuses late writes', () => {
    const window = new StatsWindow({ bucketMs: BUCKET, bucketCount: 3 });
    const start = 1_700_000_000_000;
    window.add(start, 'requests', 1);
    window.add(start + 3 * BUCKET, 'requests', 7); // same slot, next period: the old value is cleared
    expect(window.summarize(start, start + 4 * BUCKET).totals.requests).toBe(7);
    // a write for the forgotten period must not clobber the newer bucket in its slot
    window.add(start, 'requests', 100);
    expect(window.summarize(start, start + 4 * BUCKET).totals.requests).toBe(7);
    expect(window.summarize(start + 3 * BUCKET, start + 4 * BUCKET).totals.requests).toBe(7);
  });

  it('keeps latency histograms per bucket', () => {
    const window = new StatsWindow({ bucketMs: BUCKET, bucketCount: 6 });
    const start = 1_700_000_000_000;
    for (let index = 0; index < 99; index++) window.addLatency(start, 100);
    window.addLatency(start + BUCKET, 5_000);
    const all = window.summarize(start, start + 2 * BUCKET);
    expect(histogramQuantile(all.latency, 0.5)).toBeLessThan(130);
    expect(histogramQuantile(all.latency, 0.999)).toBeGreaterThanOrEqual(5_000);
    const second = window.summarize(start + BUCKET, start + 2 * BUCKET);
    expect(histogramQuantile(second.latency, 0.5)).toBeGreaterThanOrEqual(5_000);
    window.addTimeToFirstToken(start, 80);
    expect(
      histogramQuantile(window.summarize(start, start + BUCKET).timeToFirstToken, 0.5),
    ).toBeGreaterThanOrEqual(80);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new StatsWindow({ bucketMs: 0, bucketCount: 3 })).toThrow(/bucketMs/);
    expect(() => new StatsWindow({ bucketMs: 10, bucketCount: 1.5 })).toThrow(/bucketCount/);
  });
});
