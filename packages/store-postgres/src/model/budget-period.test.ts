import { describe, expect, it } from 'vitest';
import { periodEnd, periodStart } from './budget-period.js';

const at = (iso: string): number => Date.parse(iso);

describe('periodStart and periodEnd', () => {
  it('start days at UTC midnight, whatever the time of day', () => {
    expect(periodStart('daily', at('2030-03-10T23:59:59.999Z'))).toBe(at('2030-03-10T00:00:00Z'));
    expect(periodStart('daily', at('2030-03-11T00:00:00Z'))).toBe(at('2030-03-11T00:00:00Z'));
    expect(periodEnd('daily', at('2030-03-10T00:00:00Z'))).toBe(at('2030-03-11T00:00:00Z'));
  });

  it('start weeks on Monday (ISO), including from a Sunday and across a year end', () => {
    // 2030-03-10 is a Sunday, 2030-03-11 a Monday
    expect(periodStart('weekly', at('2030-03-10T12:00:00Z'))).toBe(at('2030-03-04T00:00:00Z'));
    expect(periodStart('weekly', at('2030-03-11T00:00:00Z'))).toBe(at('2030-03-11T00:00:00Z'));
    // 2031-01-01 is a Wednesday: its week began on Monday 2030-12-29
    expect(periodStart('weekly', at('2031-01-01T08:00:00Z'))).toBe(at('2030-12-30T00:00:00Z'));
    expect(periodEnd('weekly', at('2030-12-30T00:00:00Z'))).toBe(at('2031-01-06T00:00:00Z'));
  });

  it('start months on the 1st and end them at the next 1st, whatever their length', () => {
    expect(periodStart('monthly', at('2032-02-29T23:00:00Z'))).toBe(at('2032-02-01T00:00:00Z'));
    expect(periodEnd('monthly', at('2032-02-01T00:00:00Z'))).toBe(at('2032-03-01T00:00:00Z'));
    expect(periodEnd('monthly', at('2030-12-01T00:00:00Z'))).toBe(at('2031-01-01T00:00:00Z'));
  });

  it('never roll a total budget over', () => {
    expect(periodStart('total', at('2030-03-10T12:00:00Z'))).toBe(0);
    expect(periodStart('total', at('2099-01-01T00:00:00Z'))).toBe(0);
    expect(periodEnd('total', 0)).toBeUndefined();
  });
});
