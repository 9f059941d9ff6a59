import {
  type CompletionRequest,
  type EmbeddingRequest,
  estimateInputTokens,
  isEmbeddingRequest,
  type ModelPricing,
} from '@hub/core';
import { computeCost, computeEmbeddingCost } from '@hub/middleware-metrics';
import type { TargetPrice } from './price-book.js';

/**
 * Output tokens a completion is estimated at when it sets no `max_tokens` (capped by the model's
 * own output limit when the catalog gives one): a long chat answer, so that typical calls stay
 * within their estimate and the budget is passed rarely and by little.
 */
export const DEFAULT_ESTIMATED_OUTPUT_TOKENS = 4096;

/** What a call is expected to cost before it runs: what a reservation holds. */
export interface CallEstimate {
  readonly inputTokens: number;
  /** The most output tokens the estimate allows for (0 for embeddings). */
  readonly outputTokens: number;
  /** USD; 0 when no target of the model has catalog prices. */
  readonly costUsd: number;
  /** The prices the estimate used (the dearest target's), to charge a call cut short. */
  readonly pricing: ModelPricing | undefined;
}

/**
 * Estimates a call from the request and the catalog prices of the targets that may serve it:
 *
 * - completions: input tokens by `estimateInputTokens` from `@hub/core` (characters / 4, plus
 *   per-message and per-image allowances); output tokens `maxTokens`, or
 *   `DEFAULT_ESTIMATED_OUTPUT_TOKENS` capped by the model's `maxOutputTokens`; priced with
 *   `computeCost` (cache discounts ignored: the estimate is an upper bound);
 * - embeddings: characters / 4 of every input (at least 1 each) at the input price.
 *
 * A route may fall back to another target, so the dearest target's estimate is taken. Unpriced
 * targets count as free: the estimate is then 0 and the call is settled at whatever cost the
 * response reports.
 */
export function estimateCall(
  request: CompletionRequest | EmbeddingRequest,
  targets: readonly TargetPrice[],
): CallEstimate {
  if (isEmbeddingRequest(request)) return estimateEmbedding(request, targets);
  const inputTokens = estimateInputTokens(request);
  let outputTokens = 0;
  let costUsd = 0;
  let pricing: ModelPricing | undefined;
  for (const target of targets) {
    const output =
      request.maxTokens ??
      Math.min(DEFAULT_ESTIMATED_OUTPUT_TOKENS, target.maxOutputTokens ?? DEFAULT_ESTIMATED_OUTPUT_TOKENS);
    outputTokens = Math.max(outputTokens, output);
    if (target.pricing === undefined) continue;
    const cost = computeCost(
      { inputTokens, outputTokens: output, totalTokens: inputTokens + output },
      target.pricing,
    ).totalUsd;
    if (pricing === undefined || cost > costUsd) {
      costUsd = cost;
      pricing = target.pricing;
    }
  }
  if (targets.length === 0) outputTokens = request.maxTokens ?? DEFAULT_ESTIMATED_OUTPUT_TOKENS;
  return { inputTokens, outputTokens, costUsd, pricing };
}

function estimateEmbedding(request: EmbeddingRequest, targets: readonly TargetPrice[]): CallEstimate {
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  let inputTokens = 0;
  for (const input of inputs) inputTokens += Math.max(1, Math.ceil(input.length / 4));
  let costUsd = 0;
  let pricing: ModelPricing | undefined;
  for (const target of targets) {
    if (target.pricing === undefined) continue;
    const cost = computeEmbeddingCost({ inputTokens }, target.pricing).totalUsd;
    if (pricing === undefined || cost > costUsd) {
      costUsd = cost;
      pricing = target.pricing;
    }
  }
  return { inputTokens, outputTokens: 0, costUsd, pricing };
}
