import { describe, expect, it } from 'vitest';
import { decodeFloat32Base64 } from './decode-float32-base64.js';

// what a server sends: the values as little-endian float32 bytes, in base64
function float32Base64(values: readonly number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let index = 0; index < values.length; index++) bytes.writeFloatLE(values[index] as number, index * 4);
  return bytes.toString('base64');
}

describe('decodeFloat32Base64', () => {
  it('decodes little-endian float32 bytes into a Float32Array of its own, 4-byte aligned', () => {
    const values = [0.0023064255, -0.009327292, 1e-30, -3.5, 65504];
    const vector = decodeFloat32Base64(float32Base64(values));
    expect(vector).toBeInstanceOf(Float32Array);
    expect(Array.from(vector ?? [])).toEqual(Array.from(Float32Array.from(values)));
    // the vector owns exactly its bytes: no shared pool slab kept alive behind it
    expect(vector?.byteOffset).toBe(0);
    expect(vector?.buffer.byteLength).toBe(values.length * 4);
  });

  it('decodes an empty vector, and refuses bytes that are not whole float32 values', () => {
    expect(decodeFloat32Base64('')?.length).toBe(0);
    expect(decodeFloat32Base64(Buffer.from([1, 2, 3]).toString('base64'))).toBeUndefined();
    expect(decodeFloat32Base64(Buffer.from([1, 2, 3, 4, 5, 6]).toString('base64'))).toBeUndefined();
  });
});
