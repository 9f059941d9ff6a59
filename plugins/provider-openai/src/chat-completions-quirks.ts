/**
 * Where a Chat Completions server departs from OpenAI's behaviour. Every flag defaults to what
 * OpenAI does, so `{}` means "speaks exactly like api.openai.com".
 *
 * Error bodies need no flag: the error mapper reads OpenAI's `{"error":{"message","type","code"}}`
 * as well as `{"error":"message"}`, `{"detail":…}` (FastAPI servers such as vLLM) and
 * `{"object":"error","message":…}` bodies.
 */
export interface ChatCompletionsQuirks {
  /**
   * Send `stream_options: { include_usage: true }` on streams so the server appends a usage-only
   * chunk before `[DONE]`. Turn off for servers that reject the field. Without it most servers
   * report no usage on streams, and the `finish` chunk then carries no `usage` (the folded
   * response reads zero tokens). Default true.
   */
  readonly streamUsage?: boolean;
  /**
   * Which field carries `maxTokens`: `auto` (default) sends `max_completion_tokens` to reasoning
   * models and `max_tokens` to the rest; `max_tokens` always uses the older field (most
   * compatible servers only know it); `max_completion_tokens` always uses the newer one.
   */
  readonly maxTokensField?: 'auto' | 'max_tokens' | 'max_completion_tokens';
  /**
   * Which models get the reasoning mapping (`max_completion_tokens`, `reasoning_effort`, no
   * `temperature`/`top_p`). Default: `isOpenAIReasoningModel` (o-series and gpt-5 family).
   */
  readonly isReasoningModel?: (model: string) => boolean;
  /**
   * Whether a stream must end with `data: [DONE]`. When false, a stream that ends right after a
   * chunk carrying `finish_reason` also counts as complete (a stream that ends before any
   * `finish_reason` is still an error). Default true.
   */
  readonly requireDoneMarker?: boolean;
  /**
   * Send `strict` on tools and `json_schema` response formats (structured outputs). Turn off for
   * servers that reject unknown fields. Default true.
   */
  readonly strictSchemas?: boolean;
  /**
   * Wire fields this server names differently, renamed after mapping and before
   * `providerParams` are merged (Mistral: `{ seed: 'random_seed' }`). Default: none.
   */
  readonly renameFields?: Readonly<Record<string, string>>;
  /**
   * Wire fields this server rejects, never sent unless `providerParams` adds them back
   * (Mistral: `['user']`). Default: none.
   */
  readonly omitFields?: readonly string[];
}
