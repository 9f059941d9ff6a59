/** Failed sign-ins allowed per client address within `SIGN_IN_WINDOW_MS`. */
export const MAX_FAILED_SIGN_INS = 10;
/** The window failed sign-ins are counted in. */
export const SIGN_IN_WINDOW_MS = 5 * 60 * 1000;
/** Most client addresses tracked; the oldest entry is dropped first. */
export const MAX_THROTTLED_ADDRESSES = 10_000;

/** Slows down guessing the admin key; see `createSignInThrottle`. */
export interface SignInThrottle {
  /** Milliseconds `address` must wait before trying again; 0 when it may try now. */
  retryAfterMs(address: string): number;
  /** Counts a failed sign-in from `address`. */
  fail(address: string): void;
  /** Forgets `address` after a successful sign-in. */
  succeed(address: string): void;
}

/**
 * Per client address, at most `MAX_FAILED_SIGN_INS` failures per `SIGN_IN_WINDOW_MS` (a fixed
 * window starting at the first failure); then sign-in answers 429 until the window ends. Keyed by
 * address and bounded (`MAX_THROTTLED_ADDRESSES`, oldest first out), so neither a flood of
 * addresses grows it nor one address's failures lock out another's.
 */
export function createSignInThrottle(options: { readonly now?: () => number } = {}): SignInThrottle {
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; readonly since: number }>();
  const current = (address: string) => {
    const entry = failures.get(address);
    if (entry !== undefined && now() - entry.since >= SIGN_IN_WINDOW_MS) {
      failures.delete(address);
      return undefined;
    }
    return entry;
  };
  return {
    retryAfterMs(address) {
      const entry = current(address);
      if (entry === undefined || entry.count < MAX_FAILED_SIGN_INS) return 0;
      return entry.since + SIGN_IN_WINDOW_MS - now();
    },
    fail(address) {
      const entry = current(address);
      if (entry !== undefined) {
        entry.count += 1;
        return;
      }
      if (failures.size >= MAX_THROTTLED_ADDRESSES) failures.delete(failures.keys().next().value as string);
      failures.set(address, { count: 1, since: now() });
    },
    succeed(address) {
      failures.delete(address);
    },
  };
}
