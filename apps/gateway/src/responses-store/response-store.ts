import type { StoredResponse } from './stored-response.js';

/**
 * Where the gateway keeps responses created with `store: true`, for `previous_response_id`,
 * `item_reference` and `GET`/`DELETE /v1/responses/{id}`. Entries expire `ttlMs` after they were
 * stored, or after a later response of their conversation was stored (`put` refreshes the
 * ancestors it names), whichever is later.
 *
 * Failures of the store itself (Redis down or slow) reject with a 503 `store_unavailable`
 * error: a store that cannot answer is never reported as a missing response. Aborting `signal`
 * rejects with `cancelled`.
 */
export interface ResponseStore {
  /** `memory` or `redis`, for logs. */
  readonly kind: 'memory' | 'redis';
  /** How long an entry lives after it was stored or refreshed, in milliseconds. */
  readonly ttlMs: number;
  /** The entry for `id`, or undefined when there is none (never stored, expired, deleted). */
  get(id: string, signal?: AbortSignal): Promise<StoredResponse | undefined>;
  /** The entries for `ids`, in their order (undefined where there is none). */
  getMany(ids: readonly string[], signal?: AbortSignal): Promise<(StoredResponse | undefined)[]>;
  /**
   * Stores `entry` for `ttlMs` and refreshes the expiry of `entry.ancestors`.
   *
   * @throws GatewayRequestError 413 when the entry alone exceeds the store's size bound.
   */
  put(entry: StoredResponse, signal?: AbortSignal): Promise<void>;
  /** Deletes `id`; true when there was an entry. */
  delete(id: string, signal?: AbortSignal): Promise<boolean>;
  /** Releases connections and memory. */
  close(): Promise<void>;
}
