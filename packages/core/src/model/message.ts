import type { ToolCall } from './tool.js';

/** The four conversation roles every provider is mapped from. */
export type MessageRole = 'system' | 'user' | 'assistant' | 'tool';

/** Plain text inside a message. */
export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/**
 * Where an image comes from: a URL the provider fetches itself, or inline base64 bytes with their
 * media type (for example `image/png`). Providers that cannot fetch URLs reject them with
 * `invalid_request` before any network I/O.
 */
export type ImageSource =
  | { readonly type: 'url'; readonly url: string }
  | { readonly type: 'base64'; readonly data: string; readonly mediaType: string };

/** An image inside a user message. `detail` is a hint some providers honour (OpenAI). */
export interface ImagePart {
  readonly type: 'image';
  readonly source: ImageSource;
  readonly detail?: 'auto' | 'low' | 'high';
}

/**
 * Reasoning ("thinking") the model produced on an earlier turn. Providers that require their
 * reasoning to be sent back verbatim (Anthropic thinking blocks, Gemini thought signatures) read
 * `signature`; providers that do not, drop the part.
 */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
  /** Opaque provider signature proving the reasoning is unmodified. Never shown to users. */
  readonly signature?: string;
  /** Reasoning the provider returned encrypted (Anthropic `redacted_thinking`). */
  readonly redacted?: boolean;
  /**
   * The provider's id of this reasoning item (OpenAI Responses `rs_…`), which it needs back with
   * the signature (there: the item's `encrypted_content`) to continue a stateless conversation.
   */
  readonly id?: string;
}

/** A system instruction. Providers with a top-level system field lift these out of the list. */
export interface SystemMessage {
  readonly role: 'system';
  readonly content: string;
}

/** What the user said: text, or text and images. */
export interface UserMessage {
  readonly role: 'user';
  readonly content: string | readonly (TextPart | ImagePart)[];
  /** Optional participant name (OpenAI `name`). */
  readonly name?: string;
}

/** An earlier model turn: its text and reasoning, and the tools it asked to call. */
export interface AssistantMessage {
  readonly role: 'assistant';
  readonly content: string | readonly (TextPart | ReasoningPart)[];
  /** Tool calls the model made on this turn; each must be answered by a later `tool` message. */
  readonly toolCalls?: readonly ToolCall[];
}

/** The result of one tool call, answering the assistant tool call with the same id. */
export interface ToolMessage {
  readonly role: 'tool';
  /** The `id` of the assistant's tool call this message answers. */
  readonly toolCallId: string;
  readonly content: string | readonly TextPart[];
  /** True when the tool failed and `content` describes the failure (Anthropic `is_error`). */
  readonly isError?: boolean;
}

/** One message of a conversation, discriminated by `role`. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
