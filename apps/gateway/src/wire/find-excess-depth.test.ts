import { describe, expect, it } from 'vitest';
import { findExcessDepth } from './find-excess-depth.js';

describe('findExcessDepth', () => {
  it('finds the path to the first value past the bound, without recursion', () => {
    const levels = 100_000;
    const deep = JSON.parse(
      `{"ok":[1,{"a":2}],"deep":${'['.repeat(levels)}${']'.repeat(levels)}}`,
    ) as unknown;
    const path = findExcessDepth(deep, 64);
    expect(path?.slice(0, 3)).toEqual(['deep', 0, 0]);
    // the body is level 1, so the value at 64 steps below it is level 65
    expect(path).toHaveLength(64);
  });

  it('accepts a value exactly at the bound and ignores scalars', () => {
    expect(findExcessDepth(JSON.parse(`${'['.repeat(64)}${']'.repeat(64)}`), 64)).toBeUndefined();
    expect(findExcessDepth(JSON.parse(`${'['.repeat(65)}${']'.repeat(65)}`), 64)).toHaveLength(64);
    expect(findExcessDepth('text', 1)).toBeUndefined();
    expect(findExcessDepth(null, 1)).toBeUndefined();
  });

  it('reports the first offending value in document order', () => {
    const value = { a: { b: { c: 1 } }, z: { y: { x: 1 } } };
    expect(findExcessDepth(value, 2)).toEqual(['a', 'b']);
  });
});
