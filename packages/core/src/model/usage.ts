/** Token counts of one completion. All figures are tokens as the provider counted them. */
export interface Usage {
  /**
   * Prompt tokens, including cache reads (`cachedInputTokens`) and cache writes
   * (`cacheWriteInputTokens`): providers that report them apart add them in, so cost math holds.
   */
  readonly inputTokens: number;
  /** Completion tokens, including reasoning ones. */
  readonly outputTokens: number;
  /** `inputTokens + outputTokens`, or the provider's own total when it reports one. */
  readonly totalTokens: number;
  /** Prompt tokens served from the provider's prompt cache (billed at a discount). */
  readonly cachedInputTokens?: number;
  /** Prompt tokens written to the provider's prompt cache (Anthropic, Bedrock). */
  readonly cacheWriteInputTokens?: number;
  /** Output tokens spent on hidden reasoning. */
  readonly reasoningTokens?: number;
}

/** Usage of a completion whose provider reported nothing. */
export const EMPTY_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
