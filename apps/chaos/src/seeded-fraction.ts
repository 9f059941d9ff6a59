/**
 * A number in [0, 1) that depends only on `seed` and `keys`: the same inputs give the same
 * number in every run and in any order of calls. The faulty upstream draws each request's fault
 * from it, keyed by the request's prompt and attempt, so a run is reproducible although
 * concurrent requests arrive in a different order each time.
 *
 * FNV-1a folds the inputs into 32 bits; one round of mulberry32 spreads them, since FNV alone
 * leaves inputs that differ only in their last character close together.
 *
 * @param seed - The run's seed (a scenario states it, so a failure can be replayed).
 * @param keys - What the draw is about, e.g. the target, the prompt and the attempt.
 * @returns A fraction in [0, 1).
 */
export function seededFraction(seed: number, ...keys: readonly (string | number)[]): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const key of keys) {
    const text = `${String(key)}\u0000`;
    for (let index = 0; index < text.length; index++) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  // mulberry32's output step
  let mixed = (hash + 0x6d2b79f5) | 0;
  mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
  mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
  return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
}
