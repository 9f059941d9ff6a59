import { createHash, randomBytes } from 'node:crypto';

/** Characters of a secret shown to people: `sk-hub-` and 6 more, enough to tell keys apart. */
const DISPLAY_RANDOM_CHARACTERS = 6;
/** Longer presented keys are not hashed: no real key is near this long. */
export const MAX_PRESENTED_KEY_LENGTH = 512;

/** A new secret: what the caller gets once, and what the store keeps. */
export interface KeySecret {
  readonly key: string;
  readonly hash: string;
  readonly prefix: string;
}

/** The SHA-256 (hex) under which a secret is stored and looked up. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new secret: `prefix` and 32 random bytes in base64url (256 bits, so guessing is hopeless). */
export function generateKeySecret(prefix: string): KeySecret {
  const key = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashKey(key), prefix: key.slice(0, prefix.length + DISPLAY_RANDOM_CHARACTERS) };
}
