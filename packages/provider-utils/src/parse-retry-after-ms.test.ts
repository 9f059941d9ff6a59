import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './parse-retry-after-ms.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfterMs', () => {
  it('reads retry-after in seconds, including decimals', () => {
    expect(parseRetryAfterMs({ 'retry-after': '2' }, NOW)).toBe(2000);
    expect(parseRetryAfterMs({ 'retry-after': '0.25' }, NOW)).toBe(250);
    expect(parseRetryAfterMs({ 'retry-after': '0' }, NOW)).toBe(0);
  });

  it('reads retry-after as an HTTP-date relative to now', () => {
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:45 GMT' }, NOW)).toBe(45_000);
    expect(parseRetryAfterMs({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, NOW)).toBe(0);
  });

  it('prefers retry-after-ms', () => {
    expect(parseRetryAfterMs({ 'retry-after-ms': '1500', 'retry-after': '9' }, NOW)).toBe(1500);
    expect(parseRetryAfterMs({ 'retry-after-ms': '12.5' }, NOW)).toBe(12.5);
  });

  it('falls back to retry-after when retry-after-ms is unreadable', () => {
    expect(parseRetryAfterMs({ 'retry-after-ms': 'soon', 'retry-after': '3' }, NOW)).toBe(3000);
  });

  it('returns undefined when absent or unreadable', () => {
    expect(parseRetryAfterMs({}, NOW)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': '' }, NOW)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': '-5' }, NOW)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': '0x10' }, NOW)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': 'later' }, NOW)).toBeUndefined();
  });
});
