import { ConnectorError } from '@hub/core';

/**
 * The deepest nesting of objects and arrays a provider accepts in one request field (a tool's
 * JSON Schema, tool-call arguments, a response schema, `providerParams`). Real schemas and
 * arguments stay far below it; `JSON.stringify` overflows the stack a few thousand levels down,
 * so the request fails here, with a clear error, long before.
 */
export const MAX_NESTING_DEPTH = 128;

/**
 * Checks that `value` nests objects and arrays at most `maxDepth` levels deep (a primitive is 0
 * levels, `{}` one, `{ "a": [] }` two), walking it without recursion: each object or array is
 * visited once, and a cyclic value fails as too deep instead of looping, so the walk is linear in
 * the value's size and can never overflow the stack.
 *
 * @param field - Dotted request path of the value, named in the error (`tools.0.parameters`).
 * @param providerId - Set on the error.
 * @throws ConnectorError `invalid_request` naming `field`, before any network I/O.
 */
export function assertNestingDepth(
  value: unknown,
  field: string,
  providerId: string,
  maxDepth: number = MAX_NESTING_DEPTH,
): void {
  if (typeof value !== 'object' || value === null) return;
  // two parallel stacks instead of one of [node, depth] pairs: no allocation per node
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as object;
    const depth = depths.pop() as number;
    if (depth > maxDepth) {
      throw new ConnectorError('invalid_request', `${field} is nested more than ${maxDepth} levels deep.`, {
        field,
        providerId,
      });
    }
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        const child: unknown = node[index];
        if (typeof child === 'object' && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        const child: unknown = (node as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
}
