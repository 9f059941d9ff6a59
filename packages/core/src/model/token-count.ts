/** The answer of `hub.countTokens`: how many input tokens a request would use. */
export interface TokenCount {
  /** Tokens of the request's input (messages, system prompt, tools), never 0 for a real request. */
  readonly inputTokens: number;
  /**
   * True when the provider's own counting API answered; false for the hub's local estimate
   * (about four characters per token plus per-message overhead, used when the provider or model
   * has no counting API). An estimate is still an honest number, never 0.
   */
  readonly exact: boolean;
  /** The provider that counted (or whose model the estimate is for). */
  readonly provider: string;
  /** The model counted for, without the provider prefix. */
  readonly model: string;
}
