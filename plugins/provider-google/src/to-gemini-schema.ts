import type { JsonSchema } from '@hub/core';

type SchemaObject = Record<string, unknown>;

// Keywords of Gemini's `Schema` object (an OpenAPI 3.0 subset) copied as they are
const COPIED = [
  'description',
  'title',
  'nullable',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'pattern',
  'default',
  'example',
  'propertyOrdering',
] as const;

// `format` values Gemini accepts, by type; any other format is dropped rather than rejected
const FORMATS: Readonly<Record<string, ReadonlySet<string>>> = {
  STRING: new Set(['enum', 'date-time']),
  INTEGER: new Set(['int32', 'int64']),
  NUMBER: new Set(['float', 'double']),
};

const TYPES = new Set(['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT']);

// A recursive schema is unrolled this many `$ref`s deep, then cut off (the subset has no `$ref`)
const MAX_REF_DEPTH = 4;

function asObject(value: unknown): SchemaObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as SchemaObject)
    : undefined;
}

function resolveRef(ref: string, root: SchemaObject): SchemaObject | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const segment of ref.slice(2).split('/')) {
    node = asObject(node)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return asObject(node);
}

function isNullSchema(value: unknown): boolean {
  return asObject(value)?.type === 'null';
}

class SchemaConverter {
  readonly #root: SchemaObject;

  constructor(root: SchemaObject) {
    this.#root = root;
  }

  convert(input: unknown, refDepth: number): SchemaObject {
    let schema = asObject(input) ?? {};
    if (typeof schema.$ref === 'string') {
      const target = refDepth < MAX_REF_DEPTH ? resolveRef(schema.$ref, this.#root) : undefined;
      if (target === undefined) return { type: 'OBJECT' };
      const { $ref: _ref, ...siblings } = schema;
      return this.convert({ ...target, ...siblings }, refDepth + 1);
    }
    // `allOf` with one member is how generators attach a description to a `$ref`
    if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
      const { allOf, ...rest } = schema;
      return this.convert({ ...asObject(allOf[0]), ...rest }, refDepth);
    }
    const output: SchemaObject = {};
    let nullable = schema.nullable === true;
    const alternatives = Array.isArray(schema.anyOf)
      ? schema.anyOf
      : Array.isArray(schema.oneOf)
        ? schema.oneOf
        : undefined;
    if (alternatives !== undefined) {
      const branches = alternatives.filter((branch) => !isNullSchema(branch));
      if (branches.length < alternatives.length) nullable = true;
      if (branches.length === 1) {
        const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
        schema = { ...asObject(branches[0]), ...rest };
      } else {
        output.anyOf = branches.map((branch) => this.convert(branch, refDepth));
      }
    }

    let type = schema.type;
    if (Array.isArray(type)) {
      const kinds = type.filter((kind) => kind !== 'null');
      if (kinds.length < type.length) nullable = true;
      type = kinds.length === 1 ? kinds[0] : undefined;
    }
    if ('const' in schema && schema.enum === undefined) schema = { ...schema, enum: [schema.const] };
    let upper = typeof type === 'string' ? type.toUpperCase() : undefined;
    if (upper === undefined && Array.isArray(schema.enum)) upper = 'STRING';
    if (upper === undefined && asObject(schema.properties) !== undefined) upper = 'OBJECT';
    if (upper !== undefined && TYPES.has(upper)) output.type = upper;

    for (const key of COPIED) if (schema[key] !== undefined) output[key] = schema[key];
    if (nullable) output.nullable = true;
    if (typeof schema.format === 'string' && upper !== undefined && FORMATS[upper]?.has(schema.format)) {
      output.format = schema.format;
    }
    if (Array.isArray(schema.enum)) {
      // Gemini enums are strings; other values are sent as their text
      output.enum = schema.enum
        .filter((value) => value !== null)
        .map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
      if (output.type === 'STRING' && output.format === undefined) output.format = 'enum';
    }
    const properties = asObject(schema.properties);
    if (properties !== undefined) {
      const converted: SchemaObject = {};
      for (const [name, property] of Object.entries(properties))
        converted[name] = this.convert(property, refDepth);
      output.properties = converted;
      if (Array.isArray(schema.required)) {
        output.required = schema.required.filter((name) => typeof name === 'string' && name in converted);
      }
    }
    if (schema.items !== undefined && !Array.isArray(schema.items))
      output.items = this.convert(schema.items, refDepth);
    return output;
  }
}

/**
 * Converts a JSON Schema to the OpenAPI 3.0 subset of Gemini's `Schema` object (the
 * `parameters` / `responseSchema` fields), for endpoints or models that do not take plain JSON
 * Schema (`schemaFormat: 'openapi'`). Types become upper case (`OBJECT`); `["string", "null"]`
 * and `anyOf` with a `null` branch become `nullable`; `oneOf` becomes `anyOf`; `const` becomes a
 * one-value `enum`; local `$ref`s (`#/$defs/…`, `#/definitions/…`) are inlined, recursive ones
 * cut off after four levels; a one-member `allOf` is merged. Keywords the subset lacks
 * (`additionalProperties`, `$schema`, `not`, `if`, `patternProperties`, …) are dropped, as are
 * `format`s it does not know.
 *
 * @param schema - A JSON Schema, passed as written by the caller.
 * @returns A new object; the input is not modified.
 */
export function toGeminiSchema(schema: JsonSchema): Record<string, unknown> {
  const root = schema as SchemaObject;
  return new SchemaConverter(root).convert(root, 0);
}
