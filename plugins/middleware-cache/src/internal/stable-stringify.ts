/**
 * JSON text of `value` with object keys sorted, so two requests that differ only in key order
 * serialize (and hash) identically. Follows `JSON.stringify` otherwise: `undefined`, functions
 * and symbols are dropped from objects and become `null` in arrays, non-finite numbers become
 * `null`, `toJSON` is honoured.
 *
 * @throws TypeError for circular structures and bigints (such a request is simply not cached).
 */
export function stableStringify(value: unknown): string {
  return write(value, new Set()) ?? 'null';
}

function write(value: unknown, ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('A bigint cannot be part of a cache key.');
    case 'object':
      return value === null ? 'null' : writeObject(value, ancestors);
    default:
      return undefined;
  }
}

function writeObject(value: object, ancestors: Set<object>): string | undefined {
  if (ancestors.has(value)) throw new TypeError('A circular structure cannot be part of a cache key.');
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write(toJSON.call(value), ancestors);
  ancestors.add(value);
  let text: string;
  if (Array.isArray(value)) {
    const items = value.map((item) => write(item, ancestors) ?? 'null');
    text = `[${items.join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = write(record[key], ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    text = `{${members.join(',')}}`;
  }
  ancestors.delete(value);
  return text;
}
