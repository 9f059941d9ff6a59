/**
 * Whether a parsed JSON value nests deeper than `maxDepth` (the outermost object or array counts
 * as 1). Iterative, so the check itself cannot overflow the stack, and it stops at the first
 * container past the limit. Returns the dotted path of that container, or undefined.
 */
export function findTooDeep(value: unknown, maxDepth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: { value: object; depth: number; path: string }[] = [{ value, depth: 1, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.depth > maxDepth) return item.path;
    const entries: [string, unknown][] = Array.isArray(item.value)
      ? item.value.map((child, index) => [String(index), child])
      : Object.entries(item.value);
    for (const [key, child] of entries) {
      if (typeof child === 'object' && child !== null) {
        stack.push({
          value: child,
          depth: item.depth + 1,
          path: item.path === '' ? key : `${item.path}.${key}`,
        });
      }
    }
  }
  return undefined;
}

/**
 * Whether JSON text (tool call arguments, which may be invalid JSON) nests brackets deeper than
 * `maxDepth`, scanning it once without parsing. Brackets inside strings do not count.
 */
export function jsonTextTooDeep(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92 /* \ */) index++;
      else if (code === 34 /* " */) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 /* { */ || code === 91 /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (code === 125 /* } */ || code === 93 /* ] */) depth--;
  }
  return false;
}
