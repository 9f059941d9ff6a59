import { createHash, timingSafeEqual } from 'node:crypto';

/** The gateway's admin key, as the dashboard checks and uses it. */
export interface AdminCredential {
  /** Whether `presented` is the admin key, compared in constant time (of SHA-256 digests). */
  matches(presented: string): boolean;
  /** `Authorization` header value for in-process calls to the admin API. Never logged or sent out. */
  readonly authorization: string;
}

/** Wraps the admin key read from the environment at start-up. */
export function adminCredential(adminKey: string): AdminCredential {
  const expected = createHash('sha256').update(adminKey).digest();
  return {
    matches(presented) {
      return timingSafeEqual(createHash('sha256').update(presented).digest(), expected);
    },
    authorization: `Bearer ${adminKey}`,
  };
}
