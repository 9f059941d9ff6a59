import { describe, expect, it } from 'vitest';
import { summarizeLatencies } from './latency-summary.js';
import { median } from './median.js';

describe('summarizeLatencies', () => {
  it('sorts numerically (not as strings) and reports count, p50, p99, mean and max', () => {
    const samples = [100, 9, 20, 3, 1000];
    expect(summarizeLatencies(samples)).toEqual({ count: 5, p50: 20, p99: 1000, mean: 226.4, max: 1000 });
  });

  it('leaves the caller’s array in its order', () => {
    const samples = [3, 1, 2];
    summarizeLatencies(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('reports NaN figures for no samples', () => {
    const summary = summarizeLatencies([]);
    expect(summary.count).toBe(0);
    expect(summary.p50).toBeNaN();
    expect(summary.mean).toBeNaN();
    expect(summary.max).toBeNaN();
  });
});

describe('median', () => {
  it('is the middle round, and the lower middle one for an even count', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(20);
    expect(median([])).toBeNaN();
  });
});
