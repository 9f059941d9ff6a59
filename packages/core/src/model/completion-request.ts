import type { Message } from './message.js';
import type { JsonSchema, ToolChoice, ToolDefinition } from './tool.js';

/**
 * The shape the model must answer in: free text, any JSON object, or JSON matching `schema`
 * (structured outputs where the provider supports them).
 */
export type ResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json' }
  | {
      readonly type: 'json_schema';
      /** Schema name: letters, digits, `_` and `-`. */
      readonly name: string;
      readonly schema: JsonSchema;
      readonly description?: string;
      /** Enforce the schema exactly (default true where the provider supports it). */
      readonly strict?: boolean;
    };

/** How hard a reasoning model should think. Providers map this to their own knob. */
export interface ReasoningOptions {
  /**
   * Effort level (OpenAI `reasoning_effort`, Gemini thinking level): `none` asks a model that can
   * skip reasoning to skip it, `xhigh` for the models that offer more than `high`. Providers map
   * a level they lack to the nearest one they have.
   */
  readonly effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
  /** Token budget for thinking (Anthropic `thinking.budget_tokens`, Gemini `thinkingBudget`). */
  readonly budgetTokens?: number;
}

/**
 * One completion request in the unified model. The hub validates it once at its edge; providers
 * map it to their wire format.
 */
export interface CompletionRequest {
  /**
   * What to call: `"provider/model"` (for example `"openai/gpt-4o-mini"`), a route alias
   * configured on the hub (`"default"`, `"fast"`), or a bare model id when the hub has exactly one
   * provider.
   */
  readonly model: string;
  /** The conversation, oldest first; at least one message. */
  readonly messages: readonly Message[];
  /** Sampling temperature, 0 to 2. */
  readonly temperature?: number;
  /** Nucleus sampling mass, greater than 0 and at most 1. */
  readonly topP?: number;
  /** Upper bound on generated tokens; a positive integer. */
  readonly maxTokens?: number;
  /** Sequences that end generation when produced; at most 16. */
  readonly stop?: readonly string[];
  /** Seed for providers that offer best-effort determinism; an integer. */
  readonly seed?: number;
  /** Functions the model may call. */
  readonly tools?: readonly ToolDefinition[];
  readonly toolChoice?: ToolChoice;
  /**
   * Whether the model may call several tools in one turn. Unset keeps the provider's default
   * (usually yes); providers without the switch ignore it.
   */
  readonly parallelToolCalls?: boolean;
  readonly responseFormat?: ResponseFormat;
  readonly reasoning?: ReasoningOptions;
  /** Stable id of the end user, for providers' abuse monitoring (OpenAI `user`). */
  readonly user?: string;
  /**
   * Caller-owned labels (tenant, feature, request id). Never sent to providers, never part of a
   * cache key; middleware reads them (for example `cache.ttl`, `rate-limit.key`).
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Provider-specific request fields, keyed by provider id; each provider merges only its own
   * entry into the wire body (so fallbacks to another provider never receive foreign fields).
   * Example: `{ openai: { logprobs: true }, anthropic: { top_k: 5 } }`.
   */
  readonly providerParams?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}
