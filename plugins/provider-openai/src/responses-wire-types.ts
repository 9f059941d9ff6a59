// The Responses API wire format (https://platform.openai.com/docs/api-reference/responses), as far
// as this provider reads or writes it. Field names are the wire's own; optional request fields
// accept `undefined` because bodies are built as one object literal and `JSON.stringify` drops
// `undefined` members. Response types are loose (everything optional): bodies are read defensively.

/** A text part of an input message. */
export interface ResponsesInputText {
  readonly type: 'input_text';
  readonly text: string;
}

/** An image part of an input message: an `https:` URL or a `data:` URL with base64 bytes. */
export interface ResponsesInputImage {
  readonly type: 'input_image';
  readonly image_url: string;
  readonly detail: 'auto' | 'low' | 'high';
}

/** A message of the input (`EasyInputMessage`): system and user turns, earlier assistant text. */
export interface ResponsesInputMessage {
  readonly role: 'system' | 'developer' | 'user' | 'assistant';
  readonly content: string | readonly (ResponsesInputText | ResponsesInputImage)[];
}

/**
 * A reasoning item of an earlier turn, sent back so a stateless conversation continues it: its
 * `id` and `encrypted_content` (asked for with `include: ['reasoning.encrypted_content']`).
 */
export interface ResponsesReasoningInput {
  readonly type: 'reasoning';
  readonly id: string;
  readonly summary: readonly { readonly type: 'summary_text'; readonly text: string }[];
  readonly encrypted_content: string;
}

/** A function call of an earlier turn. */
export interface ResponsesFunctionCallInput {
  readonly type: 'function_call';
  readonly call_id: string;
  readonly name: string;
  readonly arguments: string;
}

/** The result of a function call, answering the call with the same `call_id`. */
export interface ResponsesFunctionCallOutput {
  readonly type: 'function_call_output';
  readonly call_id: string;
  readonly output: string;
}

/** One item of the `input` array. */
export type ResponsesInputItem =
  | ResponsesInputMessage
  | ResponsesReasoningInput
  | ResponsesFunctionCallInput
  | ResponsesFunctionCallOutput;

/** A function tool (flat, unlike Chat Completions' `{ type, function: {…} }`). */
export interface ResponsesFunctionTool {
  readonly type: 'function';
  readonly name: string;
  readonly description?: string | undefined;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly strict: boolean;
}

/** `tool_choice`. */
export type ResponsesToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { readonly type: 'function'; readonly name: string };

/** `text.format`. */
export type ResponsesTextFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json_object' }
  | {
      readonly type: 'json_schema';
      readonly name: string;
      readonly schema: Readonly<Record<string, unknown>>;
      readonly strict?: boolean | undefined;
      readonly description?: string | undefined;
    };

/** The body of `POST /responses` (and, without the generation fields, of `/responses/input_tokens`). */
export interface ResponsesRequest {
  readonly model: string;
  readonly input: readonly ResponsesInputItem[];
  readonly temperature?: number | undefined;
  readonly top_p?: number | undefined;
  readonly max_output_tokens?: number | undefined;
  readonly tools?: readonly ResponsesFunctionTool[] | undefined;
  readonly tool_choice?: ResponsesToolChoice | undefined;
  readonly parallel_tool_calls?: boolean | undefined;
  readonly text?: { readonly format: ResponsesTextFormat } | undefined;
  readonly reasoning?:
    | { readonly effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | undefined }
    | undefined;
  readonly include?: readonly string[] | undefined;
  readonly store?: boolean | undefined;
  readonly stream?: true | undefined;
  readonly user?: string | undefined;
}

/** `usage` of a response. */
export interface ResponsesUsage {
  readonly input_tokens?: number | null;
  readonly input_tokens_details?: { readonly cached_tokens?: number | null } | null;
  readonly output_tokens?: number | null;
  readonly output_tokens_details?: { readonly reasoning_tokens?: number | null } | null;
  readonly total_tokens?: number | null;
}

/** One content part of an output message. */
export interface ResponsesOutputContent {
  readonly type?: string;
  /** `output_text`. */
  readonly text?: string;
  /** `refusal`. */
  readonly refusal?: string;
}

/** One item of `output`: a message, a reasoning item, a function call (others are ignored). */
export interface ResponsesOutputItem {
  readonly type?: string;
  readonly id?: string;
  readonly status?: string;
  readonly role?: string;
  /** `message`: its parts; reasoning models with open reasoning: `reasoning_text` parts. */
  readonly content?: readonly ResponsesOutputContent[] | null;
  /** `reasoning`. */
  readonly summary?: readonly { readonly type?: string; readonly text?: string }[] | null;
  /** `reasoning`, when `include` asked for it. */
  readonly encrypted_content?: string | null;
  /** `function_call`. */
  readonly call_id?: string;
  readonly name?: string;
  readonly arguments?: string;
}

/** The error of a failed response, or the fields of an `error` stream event. */
export interface ResponsesError {
  readonly code?: string | null;
  readonly message?: string | null;
  readonly param?: string | null;
}

/** A response object (`object: "response"`), as answered or carried by terminal stream events. */
export interface ResponsesResponse {
  readonly id?: string;
  readonly object?: string;
  readonly status?: string;
  readonly model?: string;
  readonly output?: readonly ResponsesOutputItem[] | null;
  readonly usage?: ResponsesUsage | null;
  readonly error?: ResponsesError | null;
  readonly incomplete_details?: { readonly reason?: string | null } | null;
}

/** One streaming event (`data:` of an SSE event named like its `type`). */
export interface ResponsesStreamEvent {
  readonly type?: string;
  readonly sequence_number?: number;
  readonly response?: ResponsesResponse;
  readonly output_index?: number;
  readonly item_id?: string;
  readonly item?: ResponsesOutputItem;
  readonly delta?: string;
  readonly summary_index?: number;
  /** `error` events. */
  readonly code?: string | null;
  readonly message?: string | null;
  readonly param?: string | null;
}

/** The answer of `POST /responses/input_tokens`. */
export interface ResponsesInputTokens {
  readonly object?: string;
  readonly input_tokens?: number;
}
