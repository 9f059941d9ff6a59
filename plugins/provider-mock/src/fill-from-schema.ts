import type { JsonSchema } from '@hub/core';

// deepest nesting filled; deeper values are null (a recursive `$ref` would otherwise never end)
const MAX_DEPTH = 16;
// most values produced for one schema: `$ref`s can fan out exponentially, a client's schema must not
const MAX_NODES = 10_000;

/** Fixed values for string formats, so a filled call passes a validating tool. */
const STRING_FORMATS: Readonly<Record<string, string>> = {
  'date-time': '2025-01-01T00:00:00Z',
  date: '2025-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  hostname: 'example.com',
};

type Schema = Readonly<Record<string, unknown>>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A deterministic value matching a JSON Schema, for the mock's tool calls and structured answers.
 * The same schema always gives the same value:
 *
 * - `const`, else the first `enum` value, else `default`, else by `type` (the first non-null one
 *   of a type list; without `type`: `object` when `properties` are given, else a string);
 * - `object`: every declared property, filled by name; `array`: `minItems` items (at least one,
 *   at most `maxItems`) of `items` (or the `prefixItems`);
 * - `string`: a fixed value per `format`, else `"<property name>"` padded or cut to
 *   `minLength`/`maxLength` (patterns are not honoured);
 * - `integer`/`number`: `minimum` (above an exclusive minimum), else `maximum` when below 1,
 *   else 1, rounded up to `multipleOf`; `boolean`: true; `null`: null;
 * - `anyOf`/`oneOf`: the first branch; `allOf`: the branches merged; local `$ref`s
 *   (`#/$defs/…`, `#/definitions/…`) are followed.
 *
 * Bounded: nesting past 16 levels or more than 10,000 values yield null, so the work is linear
 * in the schema's size whatever it holds.
 */
export function fillFromSchema(schema: JsonSchema): unknown {
  let nodes = 0;

  const fill = (node: unknown, name: string, depth: number): unknown => {
    if (!isSchema(node) || depth > MAX_DEPTH || ++nodes > MAX_NODES) return null;
    const resolved = resolveRef(schema, node);
    if ('const' in resolved) return resolved.const;
    if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[0];
    if ('default' in resolved) return resolved.default;
    for (const key of ['anyOf', 'oneOf'] as const) {
      const branches = resolved[key];
      if (Array.isArray(branches) && branches.length > 0) return fill(branches[0], name, depth + 1);
    }
    if (Array.isArray(resolved.allOf)) return fillAll(resolved.allOf, name, depth);
    switch (typeOf(resolved)) {
      case 'object': {
        const value: Record<string, unknown> = {};
        const properties = isSchema(resolved.properties) ? resolved.properties : {};
        for (const [key, property] of Object.entries(properties)) value[key] = fill(property, key, depth + 1);
        return value;
      }
      case 'array':
        return fillArray(resolved, name, depth);
      case 'string':
        return fillString(resolved, name);
      case 'integer':
        return fillNumber(resolved, true);
      case 'number':
        return fillNumber(resolved, false);
      case 'boolean':
        return true;
      case 'null':
        return null;
      default:
        return name;
    }
  };

  const fillAll = (branches: readonly unknown[], name: string, depth: number): unknown => {
    let merged: unknown;
    for (const branch of branches) {
      const value = fill(branch, name, depth + 1);
      merged =
        isSchema(merged) && isSchema(value) ? { ...merged, ...value } : merged === undefined ? value : merged;
    }
    return merged ?? null;
  };

  const fillArray = (node: Schema, name: string, depth: number): unknown[] => {
    if (Array.isArray(node.prefixItems)) return node.prefixItems.map((item) => fill(item, name, depth + 1));
    const minItems = typeof node.minItems === 'number' ? node.minItems : 1;
    const maxItems = typeof node.maxItems === 'number' ? node.maxItems : Number.POSITIVE_INFINITY;
    const count = Math.min(Math.max(1, minItems), maxItems, MAX_NODES);
    const items: unknown[] = [];
    for (let index = 0; index < count; index++) items.push(fill(node.items ?? {}, name, depth + 1));
    return items;
  };

  return fill(schema, 'value', 0);
}

function typeOf(node: Schema): string | undefined {
  const type = node.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((entry) => entry !== 'null') ?? type[0]) as string | undefined;
  if (isSchema(node.properties)) return 'object';
  if (node.items !== undefined || node.prefixItems !== undefined) return 'array';
  return undefined;
}

function fillString(node: Schema, name: string): string {
  const format = typeof node.format === 'string' ? STRING_FORMATS[node.format] : undefined;
  let value = format ?? name;
  const minLength = typeof node.minLength === 'number' ? node.minLength : 0;
  const maxLength = typeof node.maxLength === 'number' ? node.maxLength : Number.POSITIVE_INFINITY;
  if (value.length < minLength) value = value.padEnd(Math.min(minLength, MAX_NODES), 'x');
  if (value.length > maxLength) value = value.slice(0, maxLength);
  return value;
}

function fillNumber(node: Schema, integer: boolean): number {
  const exclusiveMinimum = typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum : undefined;
  const minimum = typeof node.minimum === 'number' ? node.minimum : undefined;
  const maximum = typeof node.maximum === 'number' ? node.maximum : undefined;
  let value =
    exclusiveMinimum !== undefined
      ? exclusiveMinimum + 1
      : minimum !== undefined
        ? minimum
        : maximum !== undefined && maximum < 1
          ? maximum
          : 1;
  if (integer) value = Math.ceil(value);
  const step = typeof node.multipleOf === 'number' && node.multipleOf > 0 ? node.multipleOf : undefined;
  if (step !== undefined) value = Math.ceil(value / step) * step;
  return value;
}

/** Follows local `$ref`s (`#/$defs/name`, `#/definitions/name`, any `#/…` pointer) a bounded number of times. */
function resolveRef(root: Schema, node: Schema): Schema {
  let current = node;
  for (let hops = 0; hops < MAX_DEPTH && typeof current.$ref === 'string'; hops++) {
    const target = pointer(root, current.$ref);
    if (target === undefined) return {};
    current = target;
  }
  return current;
}

function pointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let value: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isSchema(value)) return undefined;
    value = value[segment];
  }
  return isSchema(value) ? value : undefined;
}
