/** The subset of Anthropic's Messages API request body the gateway reads. */
export interface MessagesBody {
  model?: unknown;
  max_tokens?: unknown;
  system?: unknown;
  messages?: unknown;
  stop_sequences?: unknown;
  temperature?: unknown;
  top_p?: unknown;
  tools?: unknown;
  tool_choice?: unknown;
  stream?: unknown;
  metadata?: unknown;
  thinking?: unknown;
  [field: string]: unknown;
}

/** What the gateway extracted from a Messages request besides the unified request. */
export interface MessagesRequestOptions {
  readonly stream: boolean;
}
