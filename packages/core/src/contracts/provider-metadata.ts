/** What a model can do. Unknown capabilities are reported as `false`. */
export interface ModelCapabilities {
  readonly streaming: boolean;
  readonly tools: boolean;
  readonly vision: boolean;
  /** JSON mode or structured outputs. */
  readonly json: boolean;
  /** Extended thinking / reasoning. */
  readonly reasoning?: boolean;
  /** Text embeddings (`embed`); such models usually cannot complete. */
  readonly embedding?: boolean;
}

/** What an embedding model produces. */
export interface EmbeddingModelInfo {
  /** Length of the vectors the model produces by default. */
  readonly dimensions: number;
  /**
   * Whether `EmbeddingRequest.dimensions` may shorten the vectors (OpenAI `text-embedding-3-*`,
   * Gemini, Titan v2); a model without it only produces `dimensions`.
   */
  readonly flexibleDimensions?: boolean;
  /** Longest input the model embeds, in tokens. */
  readonly maxInputTokens?: number;
}

/** Prices in US dollars per 1,000 tokens. */
export interface ModelPricing {
  readonly inputPer1k: number;
  readonly outputPer1k: number;
  /** Price of prompt tokens served from the provider's cache; defaults to `inputPer1k`. */
  readonly cachedInputPer1k?: number;
  /** Price of prompt tokens written to the provider's cache; defaults to `inputPer1k`. */
  readonly cacheWriteInputPer1k?: number;
  /**
   * Prices that replace these for long prompts (Gemini's above-200k tier), by ascending
   * `promptTokensAbove`: the last tier whose threshold the prompt exceeds applies to the request.
   */
  readonly tiers?: readonly {
    readonly promptTokensAbove: number;
    readonly pricing: Omit<ModelPricing, 'tiers'>;
  }[];
}

/** One model a provider serves. */
export interface ModelInfo {
  /** The id requests use after the provider prefix (`gpt-4o-mini`). */
  readonly id: string;
  /** Context window in tokens (prompt plus output). */
  readonly contextWindow: number;
  /** Largest output the model can produce, in tokens. */
  readonly maxOutputTokens?: number;
  readonly capabilities: ModelCapabilities;
  /** For embedding models: vector length and input bounds. */
  readonly embedding?: EmbeddingModelInfo;
  /**
   * Absent when prices are unknown (never reported as zero). Embedding models price input only
   * (`outputPer1k` 0).
   */
  readonly pricing?: ModelPricing;
}

/** Documented rate limits of a provider account, when known. */
export interface ProviderRateLimits {
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

/**
 * A provider's self-description, used by selectors (capabilities, price), cost tracking and the
 * gateway's model list.
 */
export interface ProviderMetadata {
  readonly providerId: string;
  /** Human-readable provider name. */
  readonly displayName: string;
  /** Wire API version the provider speaks (for example `2023-06-01`). */
  readonly apiVersion?: string;
  readonly models: readonly ModelInfo[];
  readonly rateLimits?: ProviderRateLimits;
  /** When this metadata was assembled, epoch milliseconds. */
  readonly fetchedAt: number;
}

/** Health of a provider, as `hub.health()` classifies its probe. */
export type HealthState = 'healthy' | 'degraded' | 'unhealthy';

/** The result of one health check. */
export interface HealthStatus {
  readonly status: HealthState;
  /** Round-trip time of the check, in milliseconds. */
  readonly latencyMs?: number;
  /** Why the provider is not healthy; never contains secrets. */
  readonly message?: string;
  /** Epoch milliseconds of the check. */
  readonly checkedAt: number;
}
