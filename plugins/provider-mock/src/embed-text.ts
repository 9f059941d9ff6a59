// each word adds ±1 at this many positions: enough that two different words rarely cancel out
const POSITIONS_PER_WORD = 4;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text`, continued from `seed`: fast, portable, 32 bits. */
function fnv1a(text: string, seed = FNV_OFFSET): number {
  let hash = seed;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}

/** The next value of a 32-bit xorshift generator: spreads one hash over several positions. */
function xorshift(state: number): number {
  let next = state;
  next ^= next << 13;
  next ^= next >>> 17;
  next ^= next << 5;
  return next >>> 0;
}

/**
 * A deterministic unit vector of `dimensions` numbers for `text`, built by feature hashing: each
 * lower-cased word (a run of letters and digits) adds +1 or -1 at four positions derived from its
 * hash, and the sum is scaled to length 1. The same text always gives the same vector, and texts
 * sharing words point in similar directions (cosine above 0), so a similarity search over mock
 * vectors behaves sensibly; nothing here is semantic. A text without words hashes as one word.
 * Linear in the text's length plus `dimensions`.
 */
export function embedText(text: string, dimensions: number): Float32Array {
  const sums = new Float64Array(dimensions);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  for (const word of words) {
    let state = fnv1a(word) || 1;
    for (let position = 0; position < POSITIONS_PER_WORD; position++) {
      state = xorshift(state);
      const index = state % dimensions;
      sums[index] = (sums[index] as number) + ((state & 0x80000000) === 0 ? 1 : -1);
    }
  }
  let norm = 0;
  for (const value of sums) norm += value * value;
  const vector = new Float32Array(dimensions);
  if (norm === 0) {
    // every position cancelled out (rare, short texts in few dimensions): fall back to one axis
    vector[fnv1a(text) % dimensions] = 1;
    return vector;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let index = 0; index < dimensions; index++) vector[index] = (sums[index] as number) * scale;
  return vector;
}
