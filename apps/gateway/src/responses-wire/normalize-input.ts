import type { ConversationItem } from './conversation-item.js';
import type { MessageItem } from './open-responses-schemas.js';
import { inputItemId } from './response-ids.js';
import type { InputItemBody, ResponsesBody } from './responses-body-schema.js';

/** One entry of a request's input: an item, or a reference to an item of a stored response. */
export type InputEntry =
  | { readonly item: ConversationItem }
  | {
      /** The referenced item's id. */
      readonly reference: string;
      /** Its place in `input`, for errors (`input[3]`). */
      readonly index: number;
    };

/**
 * A request's `input` as items the gateway can store and replay: a string becomes one user
 * message; every item gets an id (the client's, else `<kind>_<token>_i<n>`) and a status, and
 * its content the full shape of the spec's items (`input_text` parts, `output_text` parts with
 * `annotations`). `item_reference`s stay references until they are resolved against the store.
 * Linear in the input's size.
 */
export function normalizeInput(input: ResponsesBody['input'], token: string): InputEntry[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') {
    return [
      {
        item: {
          type: 'message',
          id: inputItemId('msg', token, 0),
          status: 'completed',
          role: 'user',
          content: [{ type: 'input_text', text: input }],
        },
      },
    ];
  }
  return input.map((item, index) => normalizeItem(item, index, token));
}

function normalizeItem(item: InputItemBody, index: number, token: string): InputEntry {
  switch (item.type) {
    case 'item_reference':
      return { reference: item.id, index };
    case 'message':
      return { item: normalizeMessage(item, index, token) };
    case 'function_call':
      return {
        item: {
          type: 'function_call',
          id: item.id ?? inputItemId('fc', token, index),
          call_id: item.call_id,
          name: item.name,
          arguments: item.arguments,
          status: item.status ?? 'completed',
          ...(typeof item.signature === 'string' && { signature: item.signature }),
        },
      };
    case 'function_call_output':
      return {
        item: {
          type: 'function_call_output',
          id: item.id ?? inputItemId('fco', token, index),
          call_id: item.call_id,
          output:
            typeof item.output === 'string'
              ? item.output
              : item.output.map((part) => ({ type: 'input_text' as const, text: part.text })),
          status: item.status ?? 'completed',
        },
      };
    case 'reasoning':
      return {
        item: {
          type: 'reasoning',
          id: item.id ?? inputItemId('rs', token, index),
          summary: item.summary.map((part) => ({ type: 'summary_text' as const, text: part.text })),
          ...(item.content !== undefined &&
            item.content !== null &&
            item.content.length > 0 && {
              content: item.content.map((part) => ({ type: 'reasoning_text' as const, text: part.text })),
            }),
          ...(typeof item.encrypted_content === 'string' && { encrypted_content: item.encrypted_content }),
        },
      };
  }
}

type MessageBody = Extract<InputItemBody, { type: 'message' }>;

function normalizeMessage(message: MessageBody, index: number, token: string): MessageItem {
  const base = {
    type: 'message' as const,
    id: message.id ?? inputItemId('msg', token, index),
    status: message.status ?? ('completed' as const),
  };
  switch (message.role) {
    case 'user':
      return {
        ...base,
        role: 'user',
        content:
          typeof message.content === 'string'
            ? [{ type: 'input_text', text: message.content }]
            : message.content.map((part) =>
                part.type === 'input_text'
                  ? { type: 'input_text', text: part.text }
                  : { type: 'input_image', image_url: part.image_url, detail: part.detail ?? 'auto' },
              ),
      };
    case 'system':
    case 'developer':
      return {
        ...base,
        role: message.role,
        content:
          typeof message.content === 'string'
            ? [{ type: 'input_text', text: message.content }]
            : message.content.map((part) => ({ type: 'input_text', text: part.text })),
      };
    case 'assistant':
      return {
        ...base,
        role: 'assistant',
        content:
          typeof message.content === 'string'
            ? [{ type: 'output_text', text: message.content, annotations: [] }]
            : message.content.map((part) =>
                part.type === 'refusal'
                  ? { type: 'refusal', refusal: part.refusal }
                  : { type: 'output_text', text: part.text, annotations: [] },
              ),
        ...(message.phase !== undefined && message.phase !== null && { phase: message.phase }),
      };
  }
}
