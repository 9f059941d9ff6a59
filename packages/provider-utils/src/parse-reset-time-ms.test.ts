import { describe, expect, it, vi } from 'vitest';
import { parseResetTimeMs } from './parse-reset-time-ms.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseResetTimeMs', () => {
  it('reads an RFC 3339 timestamp as Anthropic sends it', () => {
    expect(parseResetTimeMs('2025-01-01T00:00:30Z', NOW)).toBe(30_000);
  });

  it('reads fractional seconds and offsets', () => {
    expect(parseResetTimeMs('2025-01-01T00:00:01.250Z', NOW)).toBe(1250);
    expect(parseResetTimeMs('2025-01-01T01:00:10+01:00', NOW)).toBe(10_000);
  });

  it('reads an HTTP-date', () => {
    expect(parseResetTimeMs('Wed, 01 Jan 2025 00:01:00 GMT', NOW)).toBe(60_000);
  });

  it('gives 0 for a time already past', () => {
    expect(parseResetTimeMs('2024-12-31T23:59:00Z', NOW)).toBe(0);
  });

  it('reads durations too, so one helper covers every provider', () => {
    expect(parseResetTimeMs('6m0s', NOW)).toBe(360_000);
    expect(parseResetTimeMs('1.5', NOW)).toBe(1500);
  });

  it('rejects unreadable values', () => {
    expect(parseResetTimeMs('', NOW)).toBeUndefined();
    expect(parseResetTimeMs('soon', NOW)).toBeUndefined();
    expect(parseResetTimeMs('2025-13-45T99:00:00Z', NOW)).toBeUndefined();
  });

  it('uses the current time by default', () => {
    // a frozen clock: the verdict cannot depend on how long the test takes
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-01-01T00:00:00.000Z') });
    try {
      expect(parseResetTimeMs('2025-01-01T00:01:00.000Z')).toBe(60_000);
    } finally {
      vi.useRealTimers();
    }
  });
});
