import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { assertNestingDepth, MAX_NESTING_DEPTH } from './assert-nesting-depth.js';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = level % 2 === 0 ? { child: value } : [value];
  return value;
}

function thrown(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('assertNestingDepth', () => {
  it('accepts values up to the limit, counting objects and arrays alike', () => {
    expect(() => assertNestingDepth(nested(MAX_NESTING_DEPTH), 'tools.0.parameters', 'p')).not.toThrow();
    expect(() => assertNestingDepth('text', 'f', 'p', 0)).not.toThrow();
    expect(() => assertNestingDepth({}, 'f', 'p', 1)).not.toThrow();
    expect(() => assertNestingDepth({ a: [] }, 'f', 'p', 1)).toThrow();
  });

  it('rejects a 10,000-level value with invalid_request naming the field instead of a RangeError', () => {
    const error = thrown(() => assertNestingDepth(nested(10_000), 'responseFormat.schema', 'anthropic'));
    expect(ConnectorError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid_request',
      field: 'responseFormat.schema',
      providerId: 'anthropic',
      retryable: false,
    });
    expect((error as Error).message).toBe(
      `responseFormat.schema is nested more than ${MAX_NESTING_DEPTH} levels deep.`,
    );
  });

  it('fails a cyclic value as too deep instead of looping', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(thrown(() => assertNestingDepth(cyclic, 'providerParams.google', 'google'))).toMatchObject({
      code: 'invalid_request',
      field: 'providerParams.google',
    });
  });

  it('visits every node of a wide value once', () => {
    const wide = { items: Array.from({ length: 50_000 }, (_, index) => ({ index, tags: [index] })) };
    let reads = 0;
    const counted = new Proxy(wide.items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    assertNestingDepth({ items: counted }, 'f', 'p');
    expect(reads).toBe(50_000);
  });
});
