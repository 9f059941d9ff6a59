/** Every field optional and explicitly `undefined`-able: options objects built from partial sources. */
export type OptionalFields<T> = { readonly [Key in keyof T]?: T[Key] | undefined };

/**
 * A copy of `record` without its `undefined` members, so that `{ apiKey: undefined }` does not
 * hide a value read from the environment.
 */
export function defined<T extends object>(record: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] !== undefined) result[key] = record[key];
  }
  return result;
}
