function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Merges `overrides` into `base`, recursing into plain objects on both sides, so
 * `{ generationConfig: { topK: 40 } }` adds `topK` without dropping the temperature already
 * there. Arrays and other values replace; `undefined` overrides are skipped. Returns a new
 * object; neither input is modified.
 */
export function mergePlainObjects(
  base: Readonly<Record<string, unknown>>,
  overrides: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergePlainObjects(current, value) : value;
  }
  return merged;
}
