import type { BudgetPeriod } from './budget-period.js';

/**
 * A virtual key as stored. The key itself is never stored: only the SHA-256 of each of its
 * secrets, and `prefix`, the first characters of the current secret, for people to recognise it.
 */
export interface VirtualKey {
  /** UUID (version 7). Stable across rotations: budget usage and ledger history follow the id. */
  readonly id: string;
  readonly name: string;
  /** The team whose budget and limits also apply; null for none. */
  readonly teamId: string | null;
  /** The first 13 characters of the current secret (`sk-hub-` and 6 more), for display. */
  readonly prefix: string;
  /** Models the key may call (exact ids, or a prefix ending in `*`); null allows all. */
  readonly allowedModels: readonly string[] | null;
  /** Spend cap in USD per `budgetPeriod`; null for none. */
  readonly budget: number | null;
  readonly budgetPeriod: BudgetPeriod;
  /** Requests per minute; null for none. Enforced by the gateway's limiter. */
  readonly rpm: number | null;
  /** Tokens per minute; null for none. Enforced by the gateway's limiter. */
  readonly tpm: number | null;
  /** After this instant the key authenticates as `expired`; null for never. */
  readonly expiresAt: Date | null;
  readonly revoked: boolean;
  readonly revokedAt: Date | null;
  /** Free-form JSON object (at most 16 KiB serialized). */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * A key just created or rotated: the stored record plus `key`, the plaintext secret. This is the
 * only time the secret exists outside the caller's hands; the store keeps only its hash.
 */
export interface CreatedKey extends VirtualKey {
  readonly key: string;
}

/** What `createKey` takes. Omitted fields take the defaults shown. */
export interface KeyInput {
  /** 1–200 characters (not unique). */
  readonly name: string;
  /** An existing team's id; default null. */
  readonly teamId?: string | null;
  /** Default null (all models the team allows). At most 1,000 patterns of at most 256 characters. */
  readonly allowedModels?: readonly string[] | null;
  /** USD, >= 0; default null (no key budget; a team budget still applies). */
  readonly budget?: number | null;
  /** Default `monthly`. */
  readonly budgetPeriod?: BudgetPeriod;
  /** Positive integer; default null. */
  readonly rpm?: number | null;
  /** Positive integer; default null. */
  readonly tpm?: number | null;
  /** A `Date` or an ISO 8601 string; default null (never expires). */
  readonly expiresAt?: Date | string | null;
  /** Default `{}`. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** What `updateKey` takes: only the fields present change; null clears a nullable field. */
export type KeyPatch = Partial<KeyInput>;
