import { describe, expect, it } from 'vitest';
import { backoffCap, fullJitterDelay } from './full-jitter-delay.js';

const DEFAULTS = { baseDelayMs: 250, maxDelayMs: 20_000 };

/** mulberry32: a tiny seeded PRNG, so the distribution checks are reproducible. */
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

describe('backoffCap', () => {
  it('doubles from baseDelayMs and stops at maxDelayMs', () => {
    const caps = Array.from({ length: 10 }, (_, index) => backoffCap(index, DEFAULTS));
    expect(caps).toEqual([250, 500, 1000, 2000, 4000, 8000, 16_000, 20_000, 20_000, 20_000]);
  });

  it('stays at maxDelayMs for indexes where 2^n overflows, and at 0 for a zero base', () => {
    expect(backoffCap(5000, DEFAULTS)).toBe(20_000);
    expect(backoffCap(5000, { baseDelayMs: 0, maxDelayMs: 100 })).toBe(0);
  });
});

describe('fullJitterDelay', () => {
  it('spans the whole interval [0, cap]', () => {
    for (let index = 0; index < 12; index++) {
      const cap = backoffCap(index, DEFAULTS);
      expect(fullJitterDelay(index, DEFAULTS, () => 0)).toBe(0);
      expect(fullJitterDelay(index, DEFAULTS, () => 0.999_999_999)).toBe(cap);
    }
  });

  it('draws uniformly: many samples stay in [0, cap] with a mean near cap / 2', () => {
    const random = seededRandom(42);
    for (const index of [0, 2, 4, 8]) {
      const cap = backoffCap(index, DEFAULTS);
      const samples = Array.from({ length: 20_000 }, () => fullJitterDelay(index, DEFAULTS, random));
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...samples)).toBeLessThanOrEqual(cap);
      const mean = samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
      // standard error of the mean of U(0, cap) over 20 000 samples is cap × 0.002
      expect(Math.abs(mean - cap / 2)).toBeLessThan(cap * 0.02);
      // uniform, not clustered: each quarter of the interval holds about a quarter of the samples
      const quarters = [0, 0, 0, 0];
      for (const sample of samples) {
        const quarter = Math.min(3, Math.floor((sample / cap) * 4));
        quarters[quarter] = (quarters[quarter] ?? 0) + 1;
      }
      for (const count of quarters) expect(count / samples.length).toBeGreaterThan(0.22);
    }
  });

  it('uses Math.random by default', () => {
    for (let sample = 0; sample < 100; sample++) {
      const delay = fullJitterDelay(1, DEFAULTS);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(500);
    }
  });
});
