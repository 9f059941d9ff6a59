import { describe, expect, it } from 'vitest';
import { formatRatio, ratioOf } from './format-ratio.js';

describe('formatRatio', () => {
  it('uses two decimals below 10×, one below 100×, none above', () => {
    expect(formatRatio(150, 100)).toBe('1.50×');
    expect(formatRatio(100, 100)).toBe('1.00×');
    expect(formatRatio(87, 100)).toBe('0.87×');
    expect(formatRatio(1234, 100)).toBe('12.3×');
    expect(formatRatio(123_456, 100)).toBe('1235×');
  });

  it('shows a dash instead of a made-up ratio when a figure is missing or not positive', () => {
    expect(formatRatio(undefined, 100)).toBe('–');
    expect(formatRatio(100, undefined)).toBe('–');
    expect(formatRatio(100, 0)).toBe('–');
    expect(formatRatio(Number.NaN, 100)).toBe('–');
    expect(formatRatio(-1, 100)).toBe('–');
  });
});

describe('ratioOf', () => {
  it('divides finite positive figures and is undefined otherwise', () => {
    expect(ratioOf(3, 2)).toBe(1.5);
    expect(ratioOf(3, Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(ratioOf(0, 2)).toBeUndefined();
  });
});
