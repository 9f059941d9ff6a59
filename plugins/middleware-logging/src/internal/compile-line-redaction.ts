import { ConfigError, REDACTED } from '@hub/core';
import type { Sanitizer } from '../sanitizer.js';
import { parseRedactPath } from './parse-redact-path.js';

/** The parts of a line whose keys come from callers, not from the middleware. */
export type FreeFormField = 'metadata' | 'annotations' | 'prompt';

/**
 * Every field the middleware can write, as paths. Lines have exactly this shape, so which of these
 * a sanitizer or a redact path censors is decided once, not per line.
 */
export const LINE_FIELDS: readonly (readonly string[])[] = [
  ['event'],
  ['requestId'],
  ['operation'],
  ['provider'],
  ['model'],
  ['route'],
  ['messages'],
  ['inputs'],
  ['inputCharacters'],
  ['dimensions'],
  ['latencyMs'],
  ['ttftMs'],
  ['attempt'],
  ['attempts'],
  ['fallbacks'],
  ['outcome'],
  ['cached'],
  ['contentYielded'],
  ['finishReason'],
  ['responseModel'],
  ['vectors'],
  ['exact'],
  ['tokens'],
  ['tokens', 'input'],
  ['tokens', 'output'],
  ['tokens', 'cached'],
  ['tokens', 'reasoning'],
  ['costUsd'],
  ['error'],
  ['error', 'code'],
  ['error', 'message'],
  ['error', 'retryable'],
  ['error', 'status'],
  ['error', 'providerId'],
  ['error', 'providerCode'],
  ['metadata'],
  ['annotations'],
  ['prompt'],
  ['completion'],
];

const FREE_FORM_FIELDS: readonly FreeFormField[] = ['metadata', 'annotations', 'prompt'];

// a value no sanitizer masks as a secret: if it comes back changed, the field name was redacted
const PROBE = 'probe';

/** What censoring a line needs beyond masking its free text, compiled from a sanitizer. */
export interface LineRedaction {
  /**
   * Replaces the fields of `line` that the sanitizer's field names or redact paths censor (for
   * example `requestId` in `redactFields`) with `[REDACTED]`, copying nested objects it changes.
   * Undefined when no field of the line shape is censored: the usual case, which costs nothing.
   */
  readonly censorFields: ((line: Record<string, unknown>) => void) | undefined;
  /**
   * Sanitizes caller-shaped data (`metadata`, `annotations`, `prompt`): `sanitizer.value` (field
   * names and secret shapes), then the redact paths under that field that `value` does not
   * already cover. Never mutates `value`.
   */
  freeForm(field: FreeFormField, value: unknown): unknown;
}

/**
 * Compiles `sanitizer` against the line shape: which fixed fields it censors (by name, probed once
 * through `sanitizer.value`, or by one of `sanitizer.redactPaths`), and which redact paths still
 * need applying inside the free-form fields. With `createSanitizer()`'s defaults nothing is left
 * to do per line but masking free text, since every default path names a field the sanitizer
 * already redacts by name.
 *
 * @throws ConfigError naming `sanitizer.redactPaths` when a path is not pino path syntax.
 */
export function compileLineRedaction(sanitizer: Sanitizer): LineRedaction {
  const paths = sanitizer.redactPaths.map((path, index) => {
    const segments = typeof path === 'string' ? parseRedactPath(path) : undefined;
    if (segments === undefined) {
      throw new ConfigError(
        `logging: sanitizer.redactPaths[${index}] is not a pino redact path such as "metadata.tenantSecret" or "*.email".`,
        { path: `sanitizer.redactPaths.${index}` },
      );
    }
    return segments;
  });
  const unchanged = sanitizer.text(PROBE);

  const censored = censoredByName(sanitizer, unchanged);
  for (const field of LINE_FIELDS) {
    if (paths.some((path) => matches(path, field)) && !censored.includes(field)) censored.push(field);
  }

  const residual = new Map<FreeFormField, string[][]>();
  for (const field of FREE_FORM_FIELDS) {
    const below = paths
      .filter((path) => path.length > 1 && (path[0] === field || path[0] === '*'))
      .map((path) => path.slice(1))
      .filter((rest) => !coveredBySanitizer(sanitizer, rest, unchanged));
    if (below.length > 0) residual.set(field, below);
  }

  return {
    censorFields: censored.length === 0 ? undefined : (line) => censorFields(line, censored),
    freeForm(field, value) {
      let result = sanitizer.value(value);
      for (const path of residual.get(field) ?? []) result = censorPath(result, path, 0);
      return result;
    },
  };
}

/** The line fields `sanitizer.value` censors by their name, found by sanitizing one probe line. */
function censoredByName(sanitizer: Sanitizer, unchanged: string): (readonly string[])[] {
  const probe: Record<string, unknown> = {};
  for (const field of LINE_FIELDS) {
    const [parent, child] = field as [string, string | undefined];
    if (child === undefined) {
      if (probe[parent] === undefined) probe[parent] = PROBE;
    } else {
      const nested = typeof probe[parent] === 'object' ? (probe[parent] as Record<string, unknown>) : {};
      nested[child] = PROBE;
      probe[parent] = nested;
    }
  }
  const sanitized = sanitizer.value(probe) as Record<string, unknown>;
  const censored: (readonly string[])[] = [];
  for (const field of LINE_FIELDS) {
    const [parent, child] = field as [string, string | undefined];
    const value = sanitized?.[parent];
    if (child === undefined) {
      const container = typeof probe[parent] === 'object';
      if (container ? !isRecord(value) : value !== unchanged) censored.push(field);
    } else if (isRecord(value) && value[child] !== unchanged) {
      censored.push(field);
    }
  }
  return censored;
}

/** Whether `sanitizer.value` already censors what `path` names, so applying it again is waste. */
function coveredBySanitizer(sanitizer: Sanitizer, path: readonly string[], unchanged: string): boolean {
  // a wildcard or index may stand for any key: probe with one that no sanitizer redacts by name
  const keys = path.map((segment) => (segment === '*' || /^\d+$/.test(segment) ? PROBE : segment));
  let probe: unknown = PROBE;
  for (let index = keys.length - 1; index >= 0; index--) probe = { [keys[index] as string]: probe };
  let value = sanitizer.value(probe);
  for (const key of keys) {
    if (!isRecord(value)) return true;
    value = value[key];
  }
  return value !== unchanged;
}

function matches(path: readonly string[], field: readonly string[]): boolean {
  return (
    path.length === field.length &&
    path.every((segment, index) => segment === '*' || segment === field[index])
  );
}

function censorFields(line: Record<string, unknown>, fields: readonly (readonly string[])[]): void {
  for (const [parent, child] of fields as [string, string | undefined][]) {
    const value = line[parent];
    if (value === undefined) continue;
    if (child === undefined) line[parent] = REDACTED;
    else if (isRecord(value) && value[child] !== undefined) line[parent] = { ...value, [child]: REDACTED };
  }
}

/**
 * Censors what `path` (from `index` on) names inside `value`, as pino does: `*` is every key of
 * that level, absent keys are left alone. Copies each object it changes, never mutating `value`.
 */
function censorPath(value: unknown, path: readonly string[], index: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const segment = path[index] as string;
  const last = index === path.length - 1;
  const source = value as Record<string, unknown>;
  const keys = segment === '*' ? Object.keys(source) : Object.hasOwn(source, segment) ? [segment] : [];
  let result = source;
  for (const key of keys) {
    const current = source[key];
    const next = last ? REDACTED : censorPath(current, path, index + 1);
    if (next === current) continue;
    if (result === source)
      result = (Array.isArray(source) ? [...source] : { ...source }) as Record<string, unknown>;
    result[key] = next;
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
