/** The limits one batch request of an API accepts (embedding inputs per request, tokens per request). */
export interface BatchLimits {
  /** Most inputs in one request. */
  readonly maxInputs: number;
  /**
   * Most (estimated) tokens of all inputs of one request; absent: no such limit. An input that
   * alone exceeds it still goes out, alone, so the API's own error names the problem.
   */
  readonly maxTokens?: number;
  /** The token estimate of one input; required with `maxTokens`. */
  readonly estimateTokens?: (input: string) => number;
}

/**
 * Splits `inputs` into consecutive batches within `limits`, in input order (concatenating the
 * batches gives `inputs` back). Linear in the number of inputs.
 *
 * @example
 * ```ts
 * // OpenAI documents 2,048 inputs and 300,000 tokens per embeddings request
 * splitIntoBatches(inputs, { maxInputs: 2048, maxTokens: 300_000, estimateTokens: estimateUtf8Tokens });
 * ```
 */
export function splitIntoBatches(inputs: readonly string[], limits: BatchLimits): string[][] {
  const { maxInputs, maxTokens, estimateTokens } = limits;
  const batches: string[][] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const input of inputs) {
    const cost = maxTokens === undefined || estimateTokens === undefined ? 0 : estimateTokens(input);
    const full =
      current.length === maxInputs ||
      (maxTokens !== undefined && current.length > 0 && tokens + cost > maxTokens);
    if (full) {
      batches.push(current);
      current = [];
      tokens = 0;
    }
    current.push(input);
    tokens += cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
