// Stored vectors are little-endian whatever the machine, so a Redis entry written by one process
// reads back the same in any other; on little-endian machines (all that Node runs on in practice)
// that is the memory layout itself, and encoding is one copy.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The vectors' float32 values, little-endian, one after the other in one new buffer. */
export function vectorBytes(vectors: readonly Float32Array[]): Uint8Array {
  let floats = 0;
  for (const vector of vectors) floats += vector.length;
  const bytes = new Uint8Array(floats * 4);
  let offset = 0;
  if (LITTLE_ENDIAN) {
    for (const vector of vectors) {
      bytes.set(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), offset);
      offset += vector.byteLength;
    }
    return bytes;
  }
  const view = new DataView(bytes.buffer);
  for (const vector of vectors) {
    for (let index = 0; index < vector.length; index++, offset += 4)
      view.setFloat32(offset, vector[index] as number, true);
  }
  return bytes;
}

/**
 * Views `bytes` (little-endian float32 values, as `vectorBytes` wrote them) as one vector per
 * entry of `lengths`, without copying: the vectors share `bytes`' buffer, which the caller must
 * own and which must start at a multiple of 4 bytes. Undefined when the lengths do not add up to
 * the bytes.
 */
export function vectorsOf(bytes: Uint8Array, lengths: readonly number[]): Float32Array[] | undefined {
  let floats = 0;
  for (const length of lengths) floats += length;
  if (floats * 4 !== bytes.byteLength || bytes.byteOffset % 4 !== 0) return undefined;
  if (!LITTLE_ENDIAN) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let offset = 0; offset < bytes.byteLength; offset += 4)
      view.setFloat32(offset, view.getFloat32(offset, true), false);
  }
  const vectors = new Array<Float32Array>(lengths.length);
  let offset = bytes.byteOffset;
  for (let index = 0; index < lengths.length; index++) {
    const length = lengths[index] as number;
    vectors[index] = new Float32Array(bytes.buffer, offset, length);
    offset += length * 4;
  }
  return vectors;
}
