/**
 * Bounds on what one request may contain, checked before any I/O. Each bound names itself in
 * the error that reports it (`limit maxMessages`), so a client can tell which one it hit.
 */
export interface RequestLimits {
  /** Deepest nesting of objects and arrays in a JSON body (the body itself is level 1). */
  readonly maxJsonDepth: number;
  /** Messages in one request (Anthropic's `system` blocks count as content parts). */
  readonly maxMessages: number;
  /** Content parts (blocks) of one message, `system` blocks, or tool calls of one message. */
  readonly maxContentParts: number;
  /** Tool definitions in one request. */
  readonly maxTools: number;
  /** Stop sequences in one request (the hub accepts no more either). */
  readonly maxStopSequences: number;
  /** Keys of `metadata`, `logit_bias` and similar maps. */
  readonly maxMapEntries: number;
  /** Characters of an identifier: model, tool and function names, ids, roles, media types, keys. */
  readonly maxIdentifierLength: number;
  /** Characters of a short text: a stop sequence, a metadata value, a `user`. */
  readonly maxShortTextLength: number;
  /** Texts in one embeddings request (OpenAI's own limit is 2,048). */
  readonly maxEmbeddingInputs: number;
  /** Characters of one text to embed (about 16,000 tokens: twice what embedding models take). */
  readonly maxEmbeddingInputLength: number;
}

/**
 * The gateway's request bounds. Text and image data are bounded by `server.bodyLimitBytes`
 * alone; everything a client can multiply (messages, parts, tools, map keys) has its own cap.
 */
export const REQUEST_LIMITS: RequestLimits = Object.freeze({
  maxJsonDepth: 64,
  maxMessages: 10_000,
  maxContentParts: 1_000,
  maxTools: 512,
  maxStopSequences: 16,
  maxMapEntries: 256,
  maxIdentifierLength: 256,
  maxShortTextLength: 4_096,
  maxEmbeddingInputs: 2_048,
  maxEmbeddingInputLength: 65_536,
});
