import { describe, expect, it } from 'vitest';
import { stableStringify } from './stable-stringify.js';

describe('stableStringify', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(stableStringify({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
  });

  it('matches JSON.stringify for undefined, functions, non-finite numbers and toJSON', () => {
    const value = {
      skip: undefined,
      call: () => 1,
      list: [undefined, Number.NaN, Number.POSITIVE_INFINITY, 'ok'],
      date: new Date(0),
      text: 'quote " and \\ and \n',
    };
    expect(JSON.parse(stableStringify(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('allows repeated (non-circular) references', () => {
    const shared = { x: 1 };
    expect(stableStringify({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('rejects cycles and bigints', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => stableStringify(cyclic)).toThrow(TypeError);
    expect(() => stableStringify({ big: 1n })).toThrow(TypeError);
  });
});
