interface Frame {
  readonly value: object;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly key: string | number;
}

/**
 * The path to the first object or array nested deeper than `maxDepth` levels (the value itself
 * is level 1), or undefined when none is. Iterative, so a 100,000-level value costs a loop and
 * no stack; visits each container once, so the work is linear in the value's size.
 */
export function findExcessDepth(value: unknown, maxDepth: number): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Frame[] = [{ value, depth: 1, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.depth > maxDepth) return pathOf(frame);
    const depth = frame.depth + 1;
    if (Array.isArray(frame.value)) {
      // pushed in reverse, so the first offending value in document order is found first
      for (let index = frame.value.length - 1; index >= 0; index--) {
        const child: unknown = frame.value[index];
        if (typeof child === 'object' && child !== null)
          stack.push({ value: child, depth, parent: frame, key: index });
      }
    } else {
      const keys = Object.keys(frame.value);
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string;
        const child: unknown = (frame.value as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null)
          stack.push({ value: child, depth, parent: frame, key });
      }
    }
  }
  return undefined;
}

function pathOf(frame: Frame): (string | number)[] {
  const path: (string | number)[] = [];
  for (let current: Frame | undefined = frame; current?.parent !== undefined; current = current.parent)
    path.push(current.key);
  return path.reverse();
}
