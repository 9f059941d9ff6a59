/**
 * `values` as little-endian float32 bytes in base64, as OpenAI-style servers answer an embeddings
 * request with `encoding_format: "base64"`: for fake upstreams in tests.
 */
export function encodeFloat32Base64(values: readonly number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let index = 0; index < values.length; index++) bytes.writeFloatLE(values[index] as number, index * 4);
  return bytes.toString('base64');
}
