/** The headers with a value (the AI SDK lets callers unset a header with `undefined`). */
export function definedHeaders(
  headers: Readonly<Record<string, string | undefined>> | undefined,
): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) result[name] = value;
  return result;
}
