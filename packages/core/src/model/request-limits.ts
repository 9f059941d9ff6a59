/**
 * Bounds on what one request may hold, checked by `validateRequest` before any middleware or
 * network I/O, so a single hostile or runaway request cannot monopolise the process: each check
 * is linear in the request's size and gives up at the first excess.
 */
export interface RequestLimits {
  /** Messages in `messages`. Exceeding it is `invalid_request` with status 413. */
  readonly maxMessages: number;
  /** Content parts in one message. Exceeding it is `invalid_request` with status 413. */
  readonly maxContentParts: number;
  /** Tools in `tools`. Exceeding it is `invalid_request` with status 413. */
  readonly maxTools: number;
  /**
   * Nesting depth of any JSON value in the request (tool parameter schemas, tool call arguments,
   * a response format's schema, provider params), counting the outermost object or array as 1.
   * Exceeding it is `invalid_request` with status 400: serialisers recurse, and a value nested
   * 10,000 deep would overflow the stack of whoever writes it out.
   */
  readonly maxJsonDepth: number;
  /**
   * Inputs of one embedding request (providers' own batch limits are lower; the providers split
   * and reassemble). Exceeding it is `invalid_request` with status 413.
   */
  readonly maxEmbeddingInputs: number;
}

/**
 * The defaults of `RequestLimits`: far above what any provider accepts (OpenAI takes at most 128
 * tools; no real schema nests 64 deep), far below what would stall a process.
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = Object.freeze({
  maxMessages: 10_000,
  maxContentParts: 1_000,
  maxTools: 512,
  maxJsonDepth: 64,
  maxEmbeddingInputs: 10_000,
});
