/**
 * Cleans what the logging middleware writes. Create one with `createSanitizer`. The middleware
 * masks free text (model ids, error messages, completions) with `text`, runs caller-shaped data
 * (request metadata, annotations, the prompt) through `value`, and censors the fields that
 * `redactPaths` name (it applies them itself; it does not configure pino's `redact`).
 */
export interface Sanitizer {
  /** Whether prompt messages and completion text are logged (`prompt`, `completion` fields). */
  readonly includeContent: boolean;
  /**
   * Fields the middleware replaces with `[REDACTED]` in every line, in pino path syntax
   * (`metadata.apiKey`, `*.password`, `*["x-api-key"]`).
   */
  readonly redactPaths: readonly string[];
  /** Masks credential-shaped substrings of one string (`maskSecrets` of `@hub/core`). */
  text(value: string): string;
  /**
   * Returns a sanitized deep copy of plain data: values under sensitive or configured field names
   * become `[REDACTED]`, every string is masked with `text`, and nesting deeper than eight levels
   * is cut. Other objects (class instances, errors) are never copied: they become a type label.
   */
  value(value: unknown): unknown;
}
