/**
 * Turns undici's parsed headers (lowercase names, arrays for repeated headers) into plain
 * strings. Works in place: undici builds a fresh object per response and hands it only to us,
 * so the common case (no repeated header) costs one pass and no allocation.
 */
export function normalizeResponseHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== 'string') headers[name] = Array.isArray(value) ? value.join(', ') : '';
  }
  return headers as Record<string, string>;
}
