import { describe, expect, it } from 'vitest';
import { SlidingWindowCounter } from './sliding-window-counter.js';

describe('SlidingWindowCounter', () => {
  it('sums each channel over the window', () => {
    const counter = new SlidingWindowCounter(1000, 10, 2);
    counter.add(0, 0);
    counter.add(0, 150);
    counter.add(1, 150, 3);
    counter.add(0, 999);
    expect(counter.sum(0, 999)).toBe(3);
    expect(counter.sum(1, 999)).toBe(3);
  });

  it('drops buckets as the window slides past them, one bucket at a time', () => {
    const counter = new SlidingWindowCounter(1000, 10, 1);
    counter.add(0, 0);
    counter.add(0, 500);
    // bucket 0 (0–99 ms) leaves the window when bucket 10 (1000–1099 ms) begins
    expect(counter.sum(0, 999)).toBe(2);
    expect(counter.sum(0, 1000)).toBe(1);
    expect(counter.sum(0, 1499)).toBe(1);
    expect(counter.sum(0, 1500)).toBe(0);
  });

  it('recycles a slot that held an expired bucket instead of adding to it', () => {
    const counter = new SlidingWindowCounter(1000, 10, 1);
    counter.add(0, 50, 5);
    counter.add(0, 1050);
    expect(counter.sum(0, 1050)).toBe(1);
  });

  it('ignores buckets from the future (a clock that went back) and forgets on reset', () => {
    const counter = new SlidingWindowCounter(1000, 10, 1);
    counter.add(0, 5000);
    expect(counter.sum(0, 4000)).toBe(0);
    counter.add(0, 4000);
    counter.reset();
    expect(counter.sum(0, 4000)).toBe(0);
  });
});
