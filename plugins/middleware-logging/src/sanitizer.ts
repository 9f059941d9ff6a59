/**
 * Cleans what the logging middleware writes. Create one with `createSanitizer`; the middleware
 * runs every value of a log line through `value` and hands `redactPaths` to pino's `redact`.
 */
export interface Sanitizer {
  /** Whether prompt messages and completion text are logged (`prompt`, `completion` fields). */
  readonly includeContent: boolean;
  /** Paths for pino's `redact` option (pino path syntax: `metadata.apiKey`, `*.password`). */
  readonly redactPaths: readonly string[];
  /** Masks credential-shaped substrings of one string (see `maskSecrets`). */
  text(value: string): string;
  /**
   * Returns a sanitized deep copy of plain data: values under sensitive or configured field names
   * become `[REDACTED]`, every string is masked with `text`, and nesting deeper than eight levels
   * is cut. Other objects (class instances, errors) are never copied: they become a type label.
   */
  value(value: unknown): unknown;
}
