/** The subset of OpenAI's Chat Completions request body the gateway reads. */
export interface ChatCompletionBody {
  model?: unknown;
  messages?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
  temperature?: unknown;
  top_p?: unknown;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  stop?: unknown;
  seed?: unknown;
  tools?: unknown;
  tool_choice?: unknown;
  response_format?: unknown;
  reasoning_effort?: unknown;
  user?: unknown;
  n?: unknown;
  metadata?: unknown;
  [field: string]: unknown;
}

/** What the gateway extracted from a request besides the unified request. */
export interface ChatRequestOptions {
  readonly stream: boolean;
  readonly includeUsage: boolean;
}
