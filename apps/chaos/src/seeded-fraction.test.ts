import { describe, expect, it } from 'vitest';
import { seededFraction } from './seeded-fraction.js';

describe('seededFraction', () => {
  it('gives the same fraction for the same seed and keys, in any call order', () => {
    const forward = [1, 2, 3].map((attempt) => seededFraction(7, 'prompt-1', attempt));
    const backward = [3, 2, 1].map((attempt) => seededFraction(7, 'prompt-1', attempt)).reverse();
    expect(forward).toEqual(backward);
    expect(seededFraction(8, 'prompt-1', 1)).not.toBe(forward[0]);
  });

  it('spreads draws evenly enough for a fault rate to mean what it says', () => {
    const draws = Array.from({ length: 10_000 }, (_, index) => seededFraction(42, 'request', index));
    expect(draws.every((draw) => draw >= 0 && draw < 1)).toBe(true);
    // 30 % of 10 000 is 3 000; a binomial's standard deviation here is about 46
    const below = draws.filter((draw) => draw < 0.3).length;
    expect(below).toBeGreaterThan(2_800);
    expect(below).toBeLessThan(3_200);
    // keys that differ only in their last character are not correlated
    const neighbours = Array.from({ length: 1_000 }, (_, index) => seededFraction(1, `p-${index}`));
    expect(new Set(neighbours.map((draw) => Math.floor(draw * 10))).size).toBe(10);
  });
});
