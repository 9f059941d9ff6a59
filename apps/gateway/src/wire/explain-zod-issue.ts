import type { z } from 'zod';

type Segments = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

/** A zod issue as a person reads it: where, and what is wrong there. */
export interface ExplainedIssue {
  /** The issue that explains the failure (inside a union: the branch the input meant). */
  readonly issue: Issue;
  /** Path to the offending value, keys and indices. */
  readonly path: (string | number)[];
  /** What is wrong, to follow the field name: `must be a boolean (got a string)`. */
  readonly problem: string;
}

const DEFAULT_MESSAGE = /^(Invalid |Too (big|small)|Unrecognized )/;
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
 * Explains the first issue of a failed zod parse of `input`. Messages given in a schema are
 * kept; zod's defaults are rewritten (`is required`, `must be one of a, b`).
 */
export function explainZodIssue(first: Issue, input: unknown): ExplainedIssue {
  const { issue, path } = mostSpecific(first, first.path);
  const problem = describe(issue, valueAt(input, path));
  return {
    issue,
    path: path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
    problem: first.code === 'invalid_key' ? `has a key that ${problem}` : problem,
  };
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
    // a branch of another type (or another literal) says nothing about what the client meant
    const rootMismatch =
      candidate.path.length === path.length &&
      (candidate.issue.code === 'invalid_type' || candidate.issue.code === 'invalid_value');
    if (rootMismatch) continue;
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
      return `must be ${issue.inclusive === false ? 'above' : 'at least'} ${String(issue.minimum)}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'below' : 'at most'} ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `has unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
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
