import { describe, expect, it } from 'vitest';
import { formatQuantity } from './format-quantity.js';

describe('formatQuantity', () => {
  it('keeps about three significant digits and groups thousands', () => {
    expect(formatQuantity(0.12345)).toBe('0.123');
    expect(formatQuantity(1.2345)).toBe('1.23');
    expect(formatQuantity(12.345)).toBe('12.3');
    expect(formatQuantity(1234.5, 'µs')).toBe('1,235 µs');
  });

  it('shows a dash for a missing figure', () => {
    expect(formatQuantity(undefined, 'ms')).toBe('–');
    expect(formatQuantity(Number.NaN)).toBe('–');
  });
});
