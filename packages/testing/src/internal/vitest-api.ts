// vitest is loaded only inside a vitest worker, so applications can import the mock provider
// from this package without vitest installed or running
const vitest = process.env.VITEST === undefined ? undefined : await import('vitest');

/**
 * vitest's API, for helpers that call it.
 *
 * @param helper - Named in the error when called outside a vitest test file.
 */
export function vitestApi(helper: string): typeof import('vitest') {
  if (vitest === undefined) throw new Error(`${helper} runs only inside a vitest test file.`);
  return vitest;
}
