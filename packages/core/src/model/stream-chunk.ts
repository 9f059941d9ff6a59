import type { RateLimitSnapshot } from './completion-response.js';
import type { Cost } from './cost.js';
import type { FinishReason } from './finish-reason.js';
import type { Usage } from './usage.js';

/** A piece of answer text. */
export interface TextDeltaChunk {
  readonly type: 'text-delta';
  readonly text: string;
}

/**
 * A fragment of a tool call. Fragments with the same `index` belong to one call; `id` and `name`
 * arrive on the first fragment, `argumentsDelta` pieces concatenate to the JSON arguments.
 */
export interface ToolCallDeltaChunk {
  readonly type: 'tool-call-delta';
  readonly index: number;
  readonly id?: string;
  readonly name?: string;
  readonly argumentsDelta: string;
  /** The call's provider signature, on whichever fragment carries it (see `ToolCall`). */
  readonly signature?: string;
}

/**
 * A piece of reasoning text. `signature` arrives once, at the end of a reasoning block, when the
 * provider signs it (so the next reasoning delta starts a new block). `redacted` marks reasoning
 * the provider returned encrypted (its opaque data is in `signature`).
 */
export interface ReasoningDeltaChunk {
  readonly type: 'reasoning-delta';
  readonly text: string;
  readonly signature?: string;
  readonly redacted?: boolean;
  /** The provider's id of the reasoning item this delta belongs to (see `ReasoningPart.id`). */
  readonly id?: string;
}

/** Token usage, when the provider reports it before the end. */
export interface UsageChunk {
  readonly type: 'usage';
  readonly usage: Usage;
}

/**
 * The end of a successful stream: always the last chunk. A stream that ends without it ended in
 * error and throws a `stream` `ConnectorError` instead.
 */
export interface FinishChunk {
  readonly type: 'finish';
  readonly finishReason: FinishReason;
  readonly usage?: Usage;
  /**
   * The provider that answered (after any fallback). Set by the hub on the `finish` chunk it
   * hands to callers; providers leave it out.
   */
  readonly provider?: string;
  /** What the call cost, when cost-aware middleware priced it. Set by the hub, like `provider`. */
  readonly cost?: Cost;
  /** The provider's response id. */
  readonly responseId?: string;
  /** The model that answered, as the provider reported it. */
  readonly model?: string;
  readonly rateLimit?: RateLimitSnapshot;
  readonly refusal?: string;
}

/** One chunk of a streamed completion, discriminated by `type`. */
export type StreamChunk =
  | TextDeltaChunk
  | ToolCallDeltaChunk
  | ReasoningDeltaChunk
  | UsageChunk
  | FinishChunk;
