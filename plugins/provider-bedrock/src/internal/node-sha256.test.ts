import { Sha256 } from '@aws-crypto/sha256-js';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from './node-sha256.js';

async function both(secret: string | Uint8Array | undefined, ...chunks: (string | Uint8Array)[]) {
  const native = new NodeSha256(secret);
  const reference = new Sha256(secret);
  for (const chunk of chunks) {
    native.update(chunk);
    reference.update(chunk);
  }
  return [
    Buffer.from(await native.digest()).toString('hex'),
    Buffer.from(await reference.digest()).toString('hex'),
  ];
}

// checked against an independent implementation, the pure-JavaScript one the AWS SDK ships for browsers
describe('NodeSha256', () => {
  it('hashes like @aws-crypto/sha256-js', async () => {
    const [native, reference] = await both(undefined, 'héllo ', Uint8Array.of(1, 2, 3));
    expect(native).toBe(reference);
    expect((await both(undefined))[0]).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('computes HMACs like @aws-crypto/sha256-js, with string and binary keys', async () => {
    const [stringKey, stringReference] = await both('AWS4secret', '20250101');
    expect(stringKey).toBe(stringReference);
    const key = new Uint8Array(40).fill(7).subarray(4, 36);
    const [binaryKey, binaryReference] = await both(key, 'us-east-1');
    expect(binaryKey).toBe(binaryReference);
  });

  it('starts over after reset', async () => {
    const hash = new NodeSha256('key');
    hash.update('ignored');
    hash.reset();
    hash.update('data');
    const fresh = new NodeSha256('key');
    fresh.update('data');
    expect(await hash.digest()).toEqual(await fresh.digest());
  });
});
