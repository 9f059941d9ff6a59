import { describe, expect, it } from 'vitest';
import { fillFromSchema } from './fill-from-schema.js';

describe('fillFromSchema', () => {
  it('fills every property of an object by type, the same way every time', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer', minimum: 1, maximum: 14 },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        detailed: { type: 'boolean' },
        ratio: { type: 'number' },
        nothing: { type: 'null' },
        tags: { type: 'array', items: { type: 'string' } },
        when: { type: 'string', format: 'date-time' },
        kind: { const: 'fixed' },
      },
      required: ['city'],
    };
    const value = fillFromSchema(schema);
    expect(value).toEqual({
      city: 'city',
      days: 1,
      unit: 'celsius',
      detailed: true,
      ratio: 1,
      nothing: null,
      tags: ['tags'],
      when: '2025-01-01T00:00:00Z',
      kind: 'fixed',
    });
    expect(fillFromSchema(schema)).toEqual(value);
  });

  it('honours numeric bounds, multiples, string lengths and item counts', () => {
    expect(fillFromSchema({ type: 'integer', exclusiveMinimum: 5 })).toBe(6);
    expect(fillFromSchema({ type: 'number', maximum: -3 })).toBe(-3);
    expect(fillFromSchema({ type: 'integer', minimum: 7, multipleOf: 5 })).toBe(10);
    expect(fillFromSchema({ type: 'string', minLength: 8 })).toHaveLength(8);
    expect(fillFromSchema({ type: 'string', maxLength: 2 })).toHaveLength(2);
    expect(fillFromSchema({ type: 'array', items: { type: 'integer' }, minItems: 3 })).toEqual([1, 1, 1]);
    expect(fillFromSchema({ type: 'array', items: { type: 'integer' }, maxItems: 0 })).toEqual([]);
    expect(fillFromSchema({ type: ['null', 'integer'] })).toBe(1);
  });

  it('takes the first branch of anyOf/oneOf, merges allOf and follows local $refs', () => {
    expect(fillFromSchema({ anyOf: [{ type: 'integer' }, { type: 'string' }] })).toBe(1);
    expect(
      fillFromSchema({
        allOf: [
          { type: 'object', properties: { a: { type: 'integer' } } },
          { type: 'object', properties: { b: { type: 'boolean' } } },
        ],
      }),
    ).toEqual({ a: 1, b: true });
    expect(
      fillFromSchema({
        type: 'object',
        properties: { address: { $ref: '#/$defs/address' } },
        $defs: { address: { type: 'object', properties: { zip: { type: 'string', default: '75001' } } } },
      }),
    ).toEqual({ address: { zip: '75001' } });
  });

  it('ends a recursive schema with null instead of recursing forever', () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, child: { $ref: '#' } },
    };
    let value = fillFromSchema(schema) as { child: unknown } | null;
    let depth = 0;
    while (value !== null && typeof value === 'object') {
      value = value.child as { child: unknown } | null;
      depth++;
    }
    expect(value).toBeNull();
    expect(depth).toBeGreaterThan(10);
  });

  it('stops a schema that fans out exponentially at a bounded number of values', () => {
    // each level references the next twice: 2^30 values if nothing bounded it
    const $defs: Record<string, unknown> = { l30: { type: 'integer' } };
    for (let level = 29; level >= 0; level--) {
      $defs[`l${level}`] = {
        type: 'object',
        properties: { left: { $ref: `#/$defs/l${level + 1}` }, right: { $ref: `#/$defs/l${level + 1}` } },
      };
    }
    const text = JSON.stringify(fillFromSchema({ $ref: '#/$defs/l0', $defs }));
    // 10,000 values at most, each a few characters
    expect(text.length).toBeLessThan(400_000);
  });
});
