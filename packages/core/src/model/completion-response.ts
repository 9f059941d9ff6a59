import type { Cost } from './cost.js';
import type { FinishReason } from './finish-reason.js';
import type { ReasoningPart, TextPart } from './message.js';
import type { Usage } from './usage.js';

/** A tool call inside a response's content. */
export interface ToolCallPart {
  readonly type: 'tool-call';
  readonly id: string;
  readonly name: string;
  /** Arguments as JSON text, exactly as the model produced them. */
  readonly arguments: string;
  /** Opaque provider signature to send back with the call on the next turn (see `ToolCall`). */
  readonly signature?: string;
}

/** One part of what the model produced, in the order it produced it. */
export type ResponseContentPart = TextPart | ReasoningPart | ToolCallPart;

/**
 * Rate-limit state the provider reported with a response (from headers such as
 * `x-ratelimit-remaining-requests` or `anthropic-ratelimit-tokens-remaining`), for adaptive
 * limiters. Absent fields were not reported.
 */
export interface RateLimitSnapshot {
  readonly remainingRequests?: number;
  readonly remainingTokens?: number;
  /** Milliseconds until the request allowance is fully restored. */
  readonly requestsResetMs?: number;
  /** Milliseconds until the token allowance is fully restored. */
  readonly tokensResetMs?: number;
}

/** A finished completion in the unified model. */
export interface CompletionResponse {
  /** The provider's response id (or a generated one when the provider sends none). */
  readonly id: string;
  /** Id of the provider that answered (after any fallback). */
  readonly provider: string;
  /** The model that answered, as the provider reported it. */
  readonly model: string;
  /** All text parts joined: the answer most callers want. */
  readonly text: string;
  /** Every part in order: text, reasoning, tool calls. */
  readonly content: readonly ResponseContentPart[];
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  /** Set by cost-aware middleware when the model's prices are known; absent means unknown. */
  readonly cost?: Cost;
  /** Rate-limit state reported alongside this response. */
  readonly rateLimit?: RateLimitSnapshot;
  /** A refusal message when the model declined (OpenAI `refusal`). */
  readonly refusal?: string;
  /** The provider's raw response body, when the provider keeps it. */
  readonly raw?: unknown;
}
