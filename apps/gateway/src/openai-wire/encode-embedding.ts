import { endianness } from 'node:os';

// float32 values are written little-endian on the wire; on a little-endian host (x86, ARM) the
// array's own bytes already are that, so no copy is made
const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/**
 * A vector as OpenAI's `encoding_format: "base64"` sends it: the base64 of its float32 values,
 * little-endian, which the official SDKs decode straight into a `Float32Array`. Encoded from the
 * array's bytes (no list of numbers in between): about a third the size of the JSON numbers.
 */
export function embeddingToBase64(vector: Float32Array): string {
  if (LITTLE_ENDIAN_HOST)
    return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
  const bytes = Buffer.allocUnsafe(vector.byteLength);
  for (let index = 0; index < vector.length; index++) bytes.writeFloatLE(vector[index] as number, index * 4);
  return bytes.toString('base64');
}

/**
 * A vector as JSON numbers (`encoding_format: "float"`). Each float32 is written with 9
 * significant digits, the fewest that always read back as the same float32, instead of the 17
 * digits of its exact double value: about half the bytes, no precision lost.
 */
export function embeddingToNumbers(vector: Float32Array): number[] {
  const numbers = new Array<number>(vector.length);
  for (let index = 0; index < vector.length; index++)
    numbers[index] = Number((vector[index] as number).toPrecision(9));
  return numbers;
}
