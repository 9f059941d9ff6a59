/** A JSON Schema object, passed to providers as written. */
export type JsonSchema = { readonly [key: string]: unknown };

/** A function the model may call. */
export interface ToolDefinition {
  /** Name the model calls the tool by: letters, digits, `_` and `-`, at most 64 characters. */
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments object; its top-level `type` must be `"object"`. */
  readonly parameters: JsonSchema;
  /** Ask the provider to enforce the schema exactly where it can (OpenAI strict mode). */
  readonly strict?: boolean;
}

/**
 * Whether and which tool the model must call: `auto` lets it choose, `none` forbids tools,
 * `required` forces some tool, `{ type: 'tool', name }` forces that one.
 */
export type ToolChoice = 'auto' | 'none' | 'required' | { readonly type: 'tool'; readonly name: string };

/** A complete tool call made by the model. */
export interface ToolCall {
  /** Provider-assigned id, echoed by the `tool` message carrying the result. */
  readonly id: string;
  readonly name: string;
  /** The arguments as JSON text, exactly as the model produced them (may be invalid JSON). */
  readonly arguments: string;
  /**
   * Opaque provider signature that must accompany the call on the next turn (Gemini thought
   * signatures). Never shown to users.
   */
  readonly signature?: string;
}
