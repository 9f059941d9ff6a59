import { describe, expect, it } from 'vitest';
import { parseDurationMs } from './parse-duration-ms.js';

describe('parseDurationMs', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['20ms', 20],
    ['1h2m3.5s', 3_723_500],
    ['0.5s', 500],
    ['1.1s', 1100],
    ['59.973s', 59_973],
    ['7.66ms', 7.66],
    ['1m30.5s', 90_500],
    ['2h', 7_200_000],
    ['250us', 0.25],
    ['250µs', 0.25],
    ['1500000ns', 1.5],
    ['0s', 0],
    ['0', 0],
    ['2', 2000],
    ['1.5', 1500],
    [' 3s ', 3000],
  ])('reads %j as %d ms', (text, expected) => {
    expect(parseDurationMs(text)).toBe(expected);
  });

  it.each(['', '   ', 's', '1x', '1d', '-1s', '1 s', '1s2', '1..2s', '.', 'abc', '1m-2s'])(
    'rejects %j',
    (text) => {
      expect(parseDurationMs(text)).toBeUndefined();
    },
  );
});
