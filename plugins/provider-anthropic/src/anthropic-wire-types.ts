// The subset of Anthropic's Messages API wire format this provider sends and reads
// (https://docs.anthropic.com/en/api/messages, API version 2023-06-01). Types only.

/** A text block, in a request or a response. */
export interface AnthropicTextBlock {
  readonly type: 'text';
  readonly text: string;
}

/** An image block in a user message: inline base64 bytes or a URL Anthropic fetches. */
export interface AnthropicImageBlock {
  readonly type: 'image';
  readonly source:
    | { readonly type: 'base64'; readonly media_type: string; readonly data: string }
    | { readonly type: 'url'; readonly url: string };
}

/** Extended thinking the model produced; `signature` must be sent back unchanged. */
export interface AnthropicThinkingBlock {
  readonly type: 'thinking';
  readonly thinking: string;
  readonly signature: string;
}

/** Thinking the safety systems encrypted; `data` must be sent back unchanged. */
export interface AnthropicRedactedThinkingBlock {
  readonly type: 'redacted_thinking';
  readonly data: string;
}

/** A tool call by the model; `input` is the parsed arguments object. */
export interface AnthropicToolUseBlock {
  readonly type: 'tool_use';
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}

/** The result of a tool call, sent in a `user` message. */
export interface AnthropicToolResultBlock {
  readonly type: 'tool_result';
  readonly tool_use_id: string;
  readonly content: string | readonly AnthropicTextBlock[];
  readonly is_error?: boolean;
}

/** Any block this provider sends in `messages[].content`. */
export type AnthropicRequestBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock;

/** One entry of `messages`: roles must alternate, starting with `user`. */
export interface AnthropicMessageParam {
  readonly role: 'user' | 'assistant';
  readonly content: string | AnthropicRequestBlock[];
}

/** A client tool definition. */
export interface AnthropicTool {
  readonly name: string;
  readonly description?: string;
  readonly input_schema: { readonly [key: string]: unknown };
}

/** How the model must use tools. */
export type AnthropicToolChoice =
  | { readonly type: 'auto'; readonly disable_parallel_tool_use?: boolean }
  | { readonly type: 'any'; readonly disable_parallel_tool_use?: boolean }
  | { readonly type: 'none' }
  | { readonly type: 'tool'; readonly name: string; readonly disable_parallel_tool_use?: boolean };

/** The body of `POST /v1/messages`. Extra fields from `providerParams.anthropic` may be merged in. */
export interface AnthropicMessagesRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessageParam[];
  system?: string;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: { readonly type: 'enabled'; readonly budget_tokens: number };
  metadata?: { readonly user_id?: string };
  stream?: boolean;
  [field: string]: unknown;
}

/**
 * The body of `POST /v1/messages/count_tokens`: the input fields of a Messages request
 * (`max_tokens`, sampling fields, `metadata` and `stream` are not accepted).
 */
export interface AnthropicCountTokensRequest {
  model: string;
  messages: AnthropicMessageParam[];
  system?: unknown;
  tools?: unknown;
  tool_choice?: unknown;
  thinking?: unknown;
  [field: string]: unknown;
}

/** The body of a successful `POST /v1/messages/count_tokens`. */
export interface AnthropicTokenCount {
  /** Tokens across the messages, system prompt and tools. */
  readonly input_tokens: number;
}

/** Token counts of a message; cache fields are absent when caching was not involved. */
export interface AnthropicUsage {
  readonly input_tokens?: number;
  readonly output_tokens?: number;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

/** A response content block; unknown types (server tools, citations) are kept as they come. */
export type AnthropicResponseBlock =
  | AnthropicTextBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicToolUseBlock
  | { readonly type: string; readonly [field: string]: unknown };

/** The body of a successful non-streaming `POST /v1/messages`. */
export interface AnthropicMessage {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly model: string;
  readonly content: readonly AnthropicResponseBlock[];
  readonly stop_reason: string | null;
  readonly stop_sequence: string | null;
  readonly usage: AnthropicUsage;
}

/** `{"type":"error","error":{"type","message"}}`, as an error body or an `error` stream event. */
export interface AnthropicErrorBody {
  readonly type: 'error';
  readonly error: { readonly type: string; readonly message: string };
  readonly request_id?: string;
}

/** A delta inside `content_block_delta`. */
export type AnthropicContentDelta =
  | { readonly type: 'text_delta'; readonly text: string }
  | { readonly type: 'input_json_delta'; readonly partial_json: string }
  | { readonly type: 'thinking_delta'; readonly thinking: string }
  | { readonly type: 'signature_delta'; readonly signature: string }
  | { readonly type: string; readonly [field: string]: unknown };

/** The JSON `data` of the stream events this provider interprets. */
export type AnthropicStreamEvent =
  | { readonly type: 'message_start'; readonly message: AnthropicMessage }
  | {
      readonly type: 'content_block_start';
      readonly index: number;
      readonly content_block: AnthropicResponseBlock;
    }
  | { readonly type: 'content_block_delta'; readonly index: number; readonly delta: AnthropicContentDelta }
  | { readonly type: 'content_block_stop'; readonly index: number }
  | {
      readonly type: 'message_delta';
      readonly delta: { readonly stop_reason?: string | null; readonly stop_sequence?: string | null };
      readonly usage?: AnthropicUsage;
    }
  | { readonly type: 'message_stop' }
  | { readonly type: 'ping' }
  | AnthropicErrorBody;

/** One entry of `GET /v1/models`; the limits and capabilities are absent from older answers. */
export interface AnthropicModelEntry {
  readonly id: string;
  readonly type?: 'model';
  readonly display_name?: string;
  readonly created_at?: string;
  readonly max_input_tokens?: number | null;
  readonly max_tokens?: number | null;
  /** `{ image_input: { supported }, thinking: { supported }, … }`. */
  readonly capabilities?: Readonly<Record<string, { readonly supported?: boolean } | undefined>> | null;
}

/** The body of `GET /v1/models`. */
export interface AnthropicModelList {
  readonly data: readonly AnthropicModelEntry[];
  readonly has_more?: boolean;
  readonly first_id?: string | null;
  readonly last_id?: string | null;
}
