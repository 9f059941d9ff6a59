import type {
  FunctionCallItem,
  FunctionCallOutputItem,
  MessageItem,
  ReasoningItem,
} from './open-responses-schemas.js';

/**
 * A function call item with the gateway's one extension: `signature`, the opaque provider
 * signature some providers need back with the call (Gemini thought signatures). Present only
 * when the provider gave one; clients that send the item back unchanged keep the call valid.
 */
export type SignedFunctionCallItem = FunctionCallItem & { readonly signature?: string };

/**
 * One item of a conversation as the gateway keeps and replays it: the input items of a request
 * (normalized, each with an id and a status) and the output items of its response.
 */
export type ConversationItem = MessageItem | SignedFunctionCallItem | FunctionCallOutputItem | ReasoningItem;
