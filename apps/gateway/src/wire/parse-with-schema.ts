import { ConnectorError } from '@hub/core';
import type { z } from 'zod';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import { LIMIT_PARAM } from './schema-bounds.js';

type Segments = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

const DEFAULT_MESSAGE = /^(Invalid |Too (big|small))/;
const A: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  record: 'an object',
  literal: 'a fixed value',
};

/**
 * Validates a parsed JSON body with a format's zod schema. The first problem becomes the
 * error: `invalid_request` (400) naming the field in the format's naming, or 413 for a size
 * bound (the message names the bound). The work is linear in the body's size.
 *
 * @throws ConnectorError or GatewayRequestError, as described.
 */
export function parseWithSchema<Output>(
  schema: z.ZodType<Output>,
  body: unknown,
  fieldPath: (segments: readonly (string | number)[]) => string,
): Output {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ConnectorError('invalid_request', "Invalid request: 'body' must be a JSON object.", {
      field: 'body',
    });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const first = result.error.issues[0] as Issue;
  const { issue, path } = mostSpecific(first, first.path);
  const field = fieldPath(path.map((segment) => (typeof segment === 'number' ? segment : String(segment))));
  const problem = describe(issue, valueAt(body, path));
  const message = `Invalid request: '${field}' ${first.code === 'invalid_key' ? `has a key that ${problem}` : problem}.`;
  if (isSizeBound(issue)) {
    throw new GatewayRequestError('invalid_request', 413, message, { field, wireCode: 'request_too_large' });
  }
  throw new ConnectorError('invalid_request', message, { field });
}

function isSizeBound(issue: Issue): boolean {
  if (issue.code === 'too_big') return issue.origin === 'array';
  if (issue.code === 'custom') return issue.params?.[LIMIT_PARAM] !== undefined;
  return false;
}

/**
 * A union failed: report what the matching branch said rather than "no branch matched". A
 * branch that failed deeper than its root got further, so it is the one the client meant.
 */
function mostSpecific(issue: Issue, path: Segments): { issue: Issue; path: Segments } {
  if (issue.code === 'invalid_key') {
    // the key itself can be long: name the map, not the key
    const inner = issue.issues[0];
    return { issue: inner ?? issue, path: path.slice(0, -1) };
  }
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  let best: { issue: Issue; path: Segments } | undefined;
  for (const branch of issue.errors) {
    const head = branch[0];
    if (head === undefined) continue;
    const candidate = mostSpecific(head, [...path, ...head.path]);
    const rootTypeMismatch = candidate.path.length === path.length && candidate.issue.code === 'invalid_type';
    if (rootTypeMismatch) continue;
    if (best === undefined || candidate.path.length > best.path.length) best = candidate;
  }
  return best ?? { issue, path };
}

function describe(issue: Issue, value: unknown): string {
  if (!DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      return `must be ${A[issue.expected] ?? issue.expected} (got ${typeName(value)})`;
    case 'invalid_value': {
      const values = issue.values.map((item) => JSON.stringify(item));
      return values.length > 2 ? `must be one of ${values.join(', ')}` : `must be ${values.join(' or ')}`;
    }
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && options !== undefined)
        return value === undefined ? 'is required' : `must be one of ${options.map(String).join(', ')}`;
      return 'has an unsupported shape';
    }
    case 'too_small':
      if (issue.origin === 'array') return 'must be a non-empty array';
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    default:
      return 'is invalid';
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function valueAt(body: unknown, path: Segments): unknown {
  let value = body;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
