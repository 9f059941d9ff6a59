import { endianness } from 'node:os';

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/**
 * Decodes base64 text holding little-endian float32 values (OpenAI's `encoding_format: "base64"`)
 * straight into a new `Float32Array`: the bytes are written into the array's own memory, with no
 * intermediate buffer and no per-value copy (big-endian hosts swap the bytes in place).
 *
 * @returns The vector, or `undefined` when the text is not a whole number of float32 values.
 */
export function decodeFloat32Base64(text: string): Float32Array | undefined {
  const byteLength = Buffer.byteLength(text, 'base64');
  if (byteLength % 4 !== 0) return undefined;
  const vector = new Float32Array(byteLength / 4);
  const bytes = Buffer.from(vector.buffer, vector.byteOffset, byteLength);
  if (bytes.write(text, 'base64') !== byteLength) return undefined;
  if (!LITTLE_ENDIAN_HOST) bytes.swap32();
  return vector;
}
