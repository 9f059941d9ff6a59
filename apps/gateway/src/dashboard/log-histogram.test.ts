import { describe, expect, it } from 'vitest';
import { binUpperBound, HISTOGRAM_BINS, histogramBin, histogramQuantile } from './log-histogram.js';

describe('log histogram', () => {
  it('reads percentiles within 26% above the true value (one bin), never below it', () => {
    const bins = new Float64Array(HISTOGRAM_BINS);
    // 1..1000 ms, one call each: p50 = 500, p99 = 990
    for (let ms = 1; ms <= 1000; ms++) (bins[histogramBin(ms)] as number) += 1;
    const p50 = histogramQuantile(bins, 0.5) as number;
    const p99 = histogramQuantile(bins, 0.99) as number;
    expect(p50).toBeGreaterThanOrEqual(500);
    expect(p50).toBeLessThanOrEqual(500 * 2 ** (1 / 3));
    expect(p99).toBeGreaterThanOrEqual(990);
    expect(p99).toBeLessThanOrEqual(990 * 2 ** (1 / 3));
  });

  it('keeps every duration in range: sub-millisecond in the first bin, hours in the last', () => {
    expect(histogramBin(0)).toBe(0);
    expect(histogramBin(-5)).toBe(0);
    expect(histogramBin(Number.NaN)).toBe(0);
    expect(histogramBin(0.3)).toBe(0);
    expect(histogramBin(10 * 3_600_000)).toBe(HISTOGRAM_BINS - 1);
    for (const ms of [1.5, 7, 250, 12_345, 600_000]) {
      const bin = histogramBin(ms);
      expect(binUpperBound(bin)).toBeGreaterThanOrEqual(ms);
      expect(binUpperBound(bin - 1)).toBeLessThan(ms);
    }
  });

  it('answers undefined for an empty histogram and reads at an offset', () => {
    const bins = new Float64Array(HISTOGRAM_BINS * 2);
    expect(histogramQuantile(bins, 0.5)).toBeUndefined();
    (bins[HISTOGRAM_BINS + histogramBin(40)] as number) += 3;
    expect(histogramQuantile(bins, 0.5)).toBeUndefined();
    expect(histogramQuantile(bins, 0.5, HISTOGRAM_BINS)).toBe(binUpperBound(histogramBin(40)));
  });
});
