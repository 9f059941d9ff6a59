import { ConfigError, maskSecrets, REDACTED } from '@hub/core';
import type { Sanitizer } from './sanitizer.js';

/** Options of `createSanitizer`. */
export interface SanitizerOptions {
  /**
   * More fields to redact, in pino `redact` path syntax (`metadata.tenantSecret`, `*.email`,
   * `requestId`). The last segment of each path is also redacted wherever a field of that name
   * appears, at any depth.
   */
  readonly redactFields?: readonly string[];
  /** Log prompt messages and completion text. Default false: they may hold personal data. */
  readonly includeContent?: boolean;
}

/**
 * Field names whose values are always redacted (compared lowercase, without `-` and `_`), at any
 * depth, whatever their value looks like.
 */
const SENSITIVE_NAMES: ReadonlySet<string> = new Set([
  'authorization',
  'proxyauthorization',
  'apikey',
  'xapikey',
  'xgoogapikey',
  'apitoken',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'sessiontoken',
  'xamzsecuritytoken',
  'secret',
  'clientsecret',
  'secretaccesskey',
  'password',
  'passwd',
  'cookie',
  'setcookie',
  'credentials',
  'privatekey',
]);

/**
 * Redact paths (pino syntax) always applied: credentials at the top level and one level down.
 * Log lines have no top-level field of these names and the sanitizer redacts the nested ones by
 * name anyway, so the logging middleware finds them covered once, when it is created, and spends
 * nothing on them per line.
 */
export const DEFAULT_REDACT_PATHS: readonly string[] = Object.freeze([
  'authorization',
  'apiKey',
  'token',
  'password',
  'secret',
  'headers',
  '*.authorization',
  '*.apiKey',
  '*.api_key',
  '*["x-api-key"]',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.password',
  '*.secret',
  '*.cookie',
]);

const MAX_DEPTH = 8;
const PATH = /^(?:[A-Za-z_$*][\w$-]*|\["[^"]+"\])(?:\.(?:[A-Za-z_$*][\w$-]*)|\[(?:"[^"]+"|\*|\d+)\])*$/;

const normalize = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

/**
 * Creates the sanitizer the logging middleware uses. Defaults: no extra fields; content left out;
 * secrets masked by shape in every string; the fields in `DEFAULT_REDACT_PATHS` and any field
 * named like a credential (`authorization`, `apiKey`, `x-api-key`, `token`, `password`,
 * `secret`, `cookie`, …) redacted.
 *
 * The returned object is frozen: the logging middleware compiles it once, when it is created.
 *
 * @throws ConfigError naming `redactFields` when a path is not valid pino path syntax.
 */
export function createSanitizer(options: SanitizerOptions = {}): Sanitizer {
  const redactFields = options.redactFields ?? [];
  if (!Array.isArray(redactFields)) {
    throw new ConfigError('createSanitizer: "redactFields" must be an array of field paths.', {
      path: 'redactFields',
    });
  }
  const names = new Set(SENSITIVE_NAMES);
  redactFields.forEach((path: unknown, index) => {
    if (typeof path !== 'string' || !PATH.test(path)) {
      throw new ConfigError(
        `createSanitizer: redactFields[${index}] must be a pino redact path such as "metadata.tenantSecret" or "*.email".`,
        { path: `redactFields.${index}` },
      );
    }
    const last = path.match(/(?:^|\.)([^.[\]]+)$|\["([^"]+)"\]$/);
    const name = last?.[1] ?? last?.[2];
    if (name !== undefined && name !== '*') names.add(normalize(name));
  });
  const includeContent = options.includeContent === true;
  const redactPaths = Object.freeze([...new Set([...DEFAULT_REDACT_PATHS, ...redactFields])]);

  const copy = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return maskSecrets(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_DEPTH) return '[Truncated]';
    if (Array.isArray(value)) return value.map((item) => copy(item, depth + 1));
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      // never walk foreign objects: an error's cause or a client may hold the credentials it used
      return `[${(value as object).constructor?.name ?? 'Object'}]`;
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      result[key] = names.has(normalize(key))
        ? REDACTED
        : copy((value as Record<string, unknown>)[key], depth + 1);
    }
    return result;
  };

  return Object.freeze({
    includeContent,
    redactPaths,
    // a wrapper, not `maskSecrets` itself: `strings.map(sanitizer.text)` must not pass indexes as known secrets
    text: (value: string) => maskSecrets(value),
    value: (value: unknown) => copy(value, 0),
  });
}
