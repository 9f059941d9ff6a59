import { describe, expect, it } from 'vitest';
import { parseRequestFilter, parseStepMs } from './parse-dashboard-query.js';

describe('dashboard query parsing', () => {
  it('reads the overview step in seconds, 10 to 600, default 30', () => {
    expect(parseStepMs({})).toBe(30_000);
    expect(parseStepMs({ step: '60' })).toBe(60_000);
    for (const step of ['9', '601', '1.5', 'abc', '']) {
      expect(() => parseStepMs({ step }), step).toThrow(
        expect.objectContaining({ field: 'step', status: 400 }),
      );
    }
  });

  it('reads request filters, naming the field it refuses', () => {
    expect(
      parseRequestFilter({ key: 'team-a', status: 'error', model: 'gpt', limit: '20', path: '' }),
    ).toEqual({
      key: 'team-a',
      status: 'error',
      model: 'gpt',
      limit: 20,
    });
    expect(parseRequestFilter({ status: '429' })).toEqual({ status: 429 });
    expect(parseRequestFilter(undefined)).toEqual({});
    expect(() => parseRequestFilter({ status: 'bad' })).toThrow(expect.objectContaining({ field: 'status' }));
    expect(() => parseRequestFilter({ limit: '1001' })).toThrow(expect.objectContaining({ field: 'limit' }));
    expect(() => parseRequestFilter({ key: 'k'.repeat(257) })).toThrow(
      expect.objectContaining({ field: 'key' }),
    );
    expect(() => parseRequestFilter({ model: ['a', 'b'] })).toThrow(
      expect.objectContaining({ field: 'model' }),
    );
  });
});
