import { describe, expect, it } from 'vitest';
import { toGeminiSchema } from './to-gemini-schema.js';

describe('toGeminiSchema', () => {
  it('upper-cases types, keeps supported keywords and drops the rest', () => {
    expect(
      toGeminiSchema({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        description: 'A person',
        properties: {
          name: { type: 'string', minLength: 1, format: 'email' },
          age: { type: 'integer', minimum: 0, format: 'int32' },
          tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
        },
        required: ['name', 'missing'],
        additionalProperties: false,
      }),
    ).toEqual({
      type: 'OBJECT',
      description: 'A person',
      properties: {
        name: { type: 'STRING', minLength: 1 },
        age: { type: 'INTEGER', minimum: 0, format: 'int32' },
        tags: { type: 'ARRAY', items: { type: 'STRING' }, maxItems: 3 },
      },
      required: ['name'],
    });
  });

  it('turns null unions into nullable and oneOf into anyOf', () => {
    expect(toGeminiSchema({ type: ['string', 'null'] })).toEqual({ type: 'STRING', nullable: true });
    expect(toGeminiSchema({ anyOf: [{ type: 'number' }, { type: 'null' }] })).toEqual({
      type: 'NUMBER',
      nullable: true,
    });
    expect(toGeminiSchema({ oneOf: [{ type: 'string' }, { type: 'integer' }] })).toEqual({
      anyOf: [{ type: 'STRING' }, { type: 'INTEGER' }],
    });
  });

  it('makes enums and consts string enums', () => {
    expect(toGeminiSchema({ enum: ['a', 'b'] })).toEqual({
      type: 'STRING',
      format: 'enum',
      enum: ['a', 'b'],
    });
    expect(toGeminiSchema({ const: 'fixed' })).toEqual({ type: 'STRING', format: 'enum', enum: ['fixed'] });
    expect(toGeminiSchema({ type: 'integer', enum: [1, 2] })).toEqual({ type: 'INTEGER', enum: ['1', '2'] });
  });

  it('inlines local $refs and cuts recursion off', () => {
    const schema = {
      type: 'object',
      properties: { root: { $ref: '#/$defs/node' } },
      $defs: {
        node: {
          type: 'object',
          properties: { label: { type: 'string' }, child: { $ref: '#/$defs/node' } },
        },
      },
    };
    const converted = toGeminiSchema(schema) as { properties: { root: Record<string, unknown> } };
    expect(converted.properties.root.type).toBe('OBJECT');
    let depth = 0;
    let node: Record<string, unknown> | undefined = converted.properties.root;
    while (node !== undefined) {
      depth++;
      node = (node.properties as Record<string, Record<string, unknown>> | undefined)?.child;
    }
    expect(depth).toBe(5);
  });

  it('merges a single allOf member (a described $ref)', () => {
    expect(
      toGeminiSchema({
        type: 'object',
        properties: { when: { allOf: [{ $ref: '#/definitions/date' }], description: 'Due date' } },
        definitions: { date: { type: 'string', format: 'date-time' } },
      }),
    ).toEqual({
      type: 'OBJECT',
      properties: { when: { type: 'STRING', format: 'date-time', description: 'Due date' } },
    });
  });
});
