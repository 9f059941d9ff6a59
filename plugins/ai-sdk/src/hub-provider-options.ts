import type { JSONValue } from '@ai-sdk/provider';
import type { EmbeddingInputType } from '@hub/core';

/**
 * What an AI SDK call may pass to the hub in `providerOptions.hub`, for `generateText`,
 * `streamText` and the other language-model calls. Unknown keys are rejected (a typo is an error,
 * not a silently ignored option).
 *
 * @example
 * ```ts
 * await generateText({
 *   model: hub('default'),
 *   prompt: 'Hello',
 *   providerOptions: {
 *     hub: { model: 'fast', metadata: { tenant: 'acme', 'cache.bypass': 'true' } },
 *   },
 * });
 * ```
 */
export type HubProviderOptions = {
  /**
   * The route alias or `provider/model` address for this call, instead of the id the model was
   * created with (`hub('default')`).
   */
  readonly model?: string;
  /**
   * Labels for middleware (merged over `HubProviderSettings.metadata`): `cache.bypass: 'true'`,
   * `cache.ttl`, `rate-limit.key`, a tenant or request label. Never sent to providers.
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Provider-specific wire fields keyed by hub provider id (`{ openai: { logprobs: true } }`);
   * each provider merges only its own entry, so a fallback never receives foreign fields.
   */
  readonly providerParams?: Readonly<Record<string, Readonly<Record<string, JSONValue>>>>;
  /** Whether the model may call several tools in one turn (unset: the provider's default). */
  readonly parallelToolCalls?: boolean;
  /** How hard a reasoning model should think (`effort` or `budgetTokens`). */
  readonly reasoning?: {
    /** Effort level (OpenAI `reasoning_effort`, Gemini thinking level). */
    readonly effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
    /** Token budget for thinking (Anthropic `thinking.budget_tokens`, Gemini `thinkingBudget`). */
    readonly budgetTokens?: number;
  };
  /** Stable id of the end user, for providers' abuse monitoring. */
  readonly user?: string;
  /** Deadline of the whole hub call (all attempts), in milliseconds. */
  readonly timeoutMs?: number;
  /** Deadline for the first byte of each attempt's answer, in milliseconds. */
  readonly firstByteTimeoutMs?: number;
  /** Longest gap between two stream events, in milliseconds. */
  readonly idleTimeoutMs?: number;
  /** Correlation id, forwarded to providers that accept one. */
  readonly requestId?: string;
};

/**
 * What an AI SDK embedding call (`embed`, `embedMany`) may pass in `providerOptions.hub`.
 * Unknown keys are rejected.
 */
export type HubEmbeddingProviderOptions = {
  /** The route alias or `provider/model` address for this call. */
  readonly model?: string;
  /** Labels for middleware, as on `HubProviderOptions`. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Provider-specific wire fields keyed by hub provider id. */
  readonly providerParams?: Readonly<Record<string, Readonly<Record<string, JSONValue>>>>;
  /** Length of each vector, for models that can shorten theirs. */
  readonly dimensions?: number;
  /** What the vectors are for (`query` or `document`), for providers that distinguish. */
  readonly inputType?: EmbeddingInputType;
  /** Stable id of the end user. */
  readonly user?: string;
  /** Deadline of the whole hub call, in milliseconds. */
  readonly timeoutMs?: number;
  /** Correlation id, forwarded to providers that accept one. */
  readonly requestId?: string;
};
