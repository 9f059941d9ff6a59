/**
 * The entries of `options` whose value is not `undefined`, so that spreading them over values
 * read from the environment never erases a variable with an unset option.
 */
export function definedOnly(options: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) result[key] = value;
  return result;
}
