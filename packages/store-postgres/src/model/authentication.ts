import type { Team } from './team.js';
import type { VirtualKey } from './virtual-key.js';

/** A presented key that is valid now: its record and its team's, as cached by this replica. */
export interface AuthenticatedKey {
  readonly status: 'ok';
  readonly key: VirtualKey;
  /** The key's team; undefined when the key has none. */
  readonly team: Team | undefined;
}

/**
 * The outcome of `authenticate`, one distinct status per reason so the gateway can log and count
 * them apart (all of them are 401 for the client, which should not learn which one it was):
 *
 * - `ok`: valid now.
 * - `unknown`: no key has this secret (never existed, deleted, or malformed).
 * - `revoked`: the key was revoked, or this secret was rotated away (after its grace period).
 * - `expired`: the key's `expiresAt` has passed.
 */
export type Authentication =
  | AuthenticatedKey
  | { readonly status: 'unknown' }
  | { readonly status: 'revoked'; readonly keyId: string }
  | { readonly status: 'expired'; readonly keyId: string };
