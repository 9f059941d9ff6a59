// One segment of a pino path: `.name` (the dot optional at the start), `["quoted"]` or `['quoted']`,
// `[*]` or `[0]`. Sticky, so the segments must cover the whole path with nothing in between.
const SEGMENT = /\.?([A-Za-z_$*][\w$-]*)|\["([^"]+)"\]|\['([^']+)'\]|\[(\*|\d+)\]/y;

/**
 * Splits a pino `redact` path (`metadata.apiKey`, `*["x-api-key"]`, `prompt[0].content`) into its
 * segments (`['metadata', 'apiKey']`); `*` stands for any key at that level.
 *
 * @returns The segments, or undefined when `path` is not pino path syntax.
 */
export function parseRedactPath(path: string): string[] | undefined {
  const segments: string[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const match = SEGMENT.exec(path);
    // a leading dot (".a") or a dot not followed by a name is not a path
    if (match === null || (start === 0 && path.startsWith('.'))) return undefined;
    if (start > 0 && match[1] !== undefined && path[start] !== '.') return undefined;
    segments.push((match[1] ?? match[2] ?? match[3] ?? match[4]) as string);
  }
  return segments.length === 0 ? undefined : segments;
}
