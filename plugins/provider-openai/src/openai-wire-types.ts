// The Chat Completions wire format (https://platform.openai.com/docs/api-reference/chat), as far
// as this provider reads or writes it. Field names are the wire's own (snake_case); optional
// fields accept `undefined` because request bodies are built as one object literal and
// `JSON.stringify` drops `undefined` members.

/** A text part of a message's content array. */
export interface OpenAITextContentPart {
  readonly type: 'text';
  readonly text: string;
}

/** An image part of a user message: an `https:` URL or a `data:` URL with base64 bytes. */
export interface OpenAIImageContentPart {
  readonly type: 'image_url';
  readonly image_url: {
    readonly url: string;
    readonly detail?: 'auto' | 'low' | 'high' | undefined;
  };
}

/** A function call the assistant made, as sent back in a later request. */
export interface OpenAIToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    /** JSON text, exactly as the model produced it. */
    readonly arguments: string;
  };
}

/** `role: "system"` (OpenAI maps it to `developer` for reasoning models itself). */
export interface OpenAISystemMessage {
  readonly role: 'system' | 'developer';
  readonly content: string;
}

/** `role: "user"`: text, or text and images. */
export interface OpenAIUserMessage {
  readonly role: 'user';
  readonly content: string | readonly (OpenAITextContentPart | OpenAIImageContentPart)[];
  readonly name?: string | undefined;
}

/** `role: "assistant"`: an earlier turn; `content` is `null` when it only called tools. */
export interface OpenAIAssistantMessage {
  readonly role: 'assistant';
  readonly content: string | null;
  readonly tool_calls?: readonly OpenAIToolCall[] | undefined;
}

/** `role: "tool"`: the result of the tool call with id `tool_call_id`. */
export interface OpenAIToolMessage {
  readonly role: 'tool';
  readonly tool_call_id: string;
  readonly content: string;
}

/** One message of the `messages` array. */
export type OpenAIMessage =
  | OpenAISystemMessage
  | OpenAIUserMessage
  | OpenAIAssistantMessage
  | OpenAIToolMessage;

/** A function tool definition. */
export interface OpenAITool {
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    readonly description?: string | undefined;
    readonly parameters: Readonly<Record<string, unknown>>;
    readonly strict?: boolean | undefined;
  };
}

/** `tool_choice`. */
export type OpenAIToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { readonly type: 'function'; readonly function: { readonly name: string } };

/** `response_format`. */
export type OpenAIResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json_object' }
  | {
      readonly type: 'json_schema';
      readonly json_schema: {
        readonly name: string;
        readonly schema: Readonly<Record<string, unknown>>;
        readonly strict?: boolean | undefined;
        readonly description?: string | undefined;
      };
    };

/** The body of `POST /chat/completions`. */
export interface OpenAIChatCompletionRequest {
  readonly model: string;
  readonly messages: readonly OpenAIMessage[];
  readonly temperature?: number | undefined;
  readonly top_p?: number | undefined;
  /** Non-reasoning models (and most compatible servers). */
  readonly max_tokens?: number | undefined;
  /** Reasoning models (o-series, gpt-5): visible output plus hidden reasoning. */
  readonly max_completion_tokens?: number | undefined;
  readonly reasoning_effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | undefined;
  readonly stop?: readonly string[] | undefined;
  readonly seed?: number | undefined;
  readonly user?: string | undefined;
  readonly tools?: readonly OpenAITool[] | undefined;
  readonly tool_choice?: OpenAIToolChoice | undefined;
  readonly response_format?: OpenAIResponseFormat | undefined;
  readonly stream?: true | undefined;
  readonly stream_options?: { readonly include_usage: boolean } | undefined;
}

/** `usage` of a response or of the final stream chunk. */
export interface OpenAIUsage {
  readonly prompt_tokens?: number | null;
  readonly completion_tokens?: number | null;
  readonly total_tokens?: number | null;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number | null } | null;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number | null } | null;
}

/** A tool call inside a response message. */
export interface OpenAIResponseToolCall {
  readonly id?: string;
  readonly type?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

/** `choices[].message` of a response. */
export interface OpenAIResponseMessage {
  readonly role?: string;
  readonly content?: string | null;
  readonly refusal?: string | null;
  readonly tool_calls?: readonly OpenAIResponseToolCall[] | null;
  /** Deprecated single function call of older models. */
  readonly function_call?: { readonly name?: string; readonly arguments?: string } | null;
  /** Reasoning text some compatible servers return (DeepSeek, vLLM). */
  readonly reasoning_content?: string | null;
  /** Reasoning text some compatible servers return (OpenRouter, Ollama). */
  readonly reasoning?: string | null;
}

/** The body of a successful non-streaming response (`object: "chat.completion"`). */
export interface OpenAIChatCompletionResponse {
  readonly id?: string;
  readonly object?: string;
  readonly created?: number;
  readonly model?: string;
  readonly choices?: readonly {
    readonly index?: number;
    readonly message?: OpenAIResponseMessage;
    readonly finish_reason?: string | null;
  }[];
  readonly usage?: OpenAIUsage | null;
  readonly system_fingerprint?: string | null;
}

/** One tool-call fragment of a stream delta; fragments with the same `index` form one call. */
export interface OpenAIToolCallDelta {
  readonly index?: number;
  readonly id?: string | null;
  readonly type?: string;
  readonly function?: { readonly name?: string | null; readonly arguments?: string | null } | null;
}

/** The error envelope OpenAI sends in error bodies and, rarely, inside a stream. */
export interface OpenAIErrorBody {
  readonly error?: {
    readonly message?: string;
    readonly type?: string | null;
    readonly param?: string | null;
    readonly code?: string | number | null;
  };
}

/** One `data:` event of a stream (`object: "chat.completion.chunk"`). */
export interface OpenAIChatCompletionChunk extends OpenAIErrorBody {
  readonly id?: string;
  readonly object?: string;
  readonly model?: string;
  readonly choices?: readonly {
    readonly index?: number;
    readonly delta?: {
      readonly role?: string;
      readonly content?: string | null;
      readonly refusal?: string | null;
      readonly tool_calls?: readonly OpenAIToolCallDelta[] | null;
      readonly function_call?: { readonly name?: string; readonly arguments?: string } | null;
      readonly reasoning_content?: string | null;
      readonly reasoning?: string | null;
    };
    readonly finish_reason?: string | null;
  }[];
  /** `null` on every chunk but the last one when `stream_options.include_usage` is set. */
  readonly usage?: OpenAIUsage | null;
  /** Where Groq reports a stream's usage when `stream_options` is not used. */
  readonly x_groq?: { readonly usage?: OpenAIUsage | null } | null;
}

/** `GET /models`. */
export interface OpenAIModelList {
  readonly object?: string;
  readonly data?: readonly { readonly id?: string; readonly object?: string; readonly owned_by?: string }[];
}
