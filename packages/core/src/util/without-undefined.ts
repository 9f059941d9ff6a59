/**
 * A shallow copy of `value` without its `undefined` fields, so that spreading options over
 * defaults (or over values read from the environment) never replaces a value with `undefined`,
 * and so that objects built for `exactOptionalPropertyTypes` stay exact.
 */
export function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) result[key] = field;
  }
  return result as { [K in keyof T]: Exclude<T[K], undefined> };
}
