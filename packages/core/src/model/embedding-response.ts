import type { Cost } from './cost.js';

/** Token counts of one embedding call. */
export interface EmbeddingUsage {
  /**
   * Tokens of all inputs together, as the provider counted them; when the provider reports no
   * count, the hub's estimate (see `estimated`), never 0 for a non-empty input.
   */
  readonly inputTokens: number;
  /**
   * `true` when the provider reported no count and `inputTokens` is the hub's local estimate
   * (characters over four): cost and budgets are then approximate, not free.
   */
  readonly estimated?: boolean;
}

/** The answer to an `EmbeddingRequest`. */
export interface EmbeddingResponse {
  /** Id of the provider that answered (after any fallback). */
  readonly provider: string;
  /** The model that answered, as the provider reported it. */
  readonly model: string;
  /**
   * One vector per input, in input order (a single string input gives one vector). Vectors are
   * `Float32Array`s: a quarter of the memory of number arrays, and what base64 wire formats
   * decode to without copying.
   */
  readonly embeddings: readonly Float32Array[];
  readonly usage: EmbeddingUsage;
  /** Set by cost-aware middleware when the model's price is known. */
  readonly cost?: Cost;
}
