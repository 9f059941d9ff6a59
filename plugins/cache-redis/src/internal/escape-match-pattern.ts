/**
 * Escapes the glob characters of `text` for a Redis `SCAN ... MATCH` pattern, so a prefix such
 * as `app[1]:` matches itself and nothing else.
 */
export function escapeMatchPattern(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
