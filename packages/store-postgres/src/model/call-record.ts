/** How a call ended, as stored in the ledger (`expired` is written by the store itself). */
export type CallStatus = 'success' | 'error' | 'cancelled';

/** Every status a caller may record. */
export const CALL_STATUSES: readonly CallStatus[] = Object.freeze(['success', 'error', 'cancelled']);

/**
 * What one call cost, for its ledger row. Never the prompt or the answer: only counts, ids and
 * timings. Strings are bounded (the bound is in each field's doc) and validated by `settle`.
 */
export interface CallRecord {
  /** What the call really cost in USD (>= 0); 0 for a failed call that the provider did not bill. */
  readonly cost: number;
  readonly status: CallStatus;
  /** The model as the caller asked for it or as routed, at most 256 characters. */
  readonly model: string;
  /** The hub operation (`complete`, `stream`, `embed`, `count-tokens`), at most 64 characters. */
  readonly operation: string;
  /** The gateway route (`/v1/chat/completions`), at most 256 characters. */
  readonly route?: string;
  /** The provider that answered, at most 128 characters. */
  readonly provider?: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** Input tokens served from the provider's prompt cache (part of `inputTokens`). */
  readonly cachedTokens?: number;
  /** Output tokens spent reasoning (part of `outputTokens`). */
  readonly reasoningTokens?: number;
  /** Wall time of the call in ms. */
  readonly latencyMs?: number;
  /** The gateway's request id, at most 256 characters. */
  readonly requestId?: string;
  /** When the call happened; default the store's clock at `settle`. */
  readonly occurredAt?: Date;
}
