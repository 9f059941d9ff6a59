import type { AssistantMessage, ImagePart, Message, TextPart, UserMessage } from '@hub/core';
import type { ResponsesInputImage, ResponsesInputItem, ResponsesInputText } from './responses-wire-types.js';

function joinText(parts: readonly { readonly type: string; readonly text?: string }[]): string {
  let text = '';
  for (const part of parts) if (part.type === 'text') text += part.text;
  return text;
}

function convertUserPart(part: TextPart | ImagePart): ResponsesInputText | ResponsesInputImage {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  const { source } = part;
  const url = source.type === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
  return { type: 'input_image', image_url: url, detail: part.detail ?? 'auto' };
}

function convertUser(message: UserMessage, items: ResponsesInputItem[]): void {
  const { content } = message;
  if (typeof content === 'string') {
    items.push({ role: 'user', content });
    return;
  }
  const parts: (ResponsesInputText | ResponsesInputImage)[] = new Array(content.length);
  for (let index = 0; index < content.length; index++) parts[index] = convertUserPart(content[index]!);
  items.push({ role: 'user', content: parts });
}

// An earlier assistant turn becomes several items, in the order the model produced them:
// reasoning items (with their encrypted content), the text as an assistant message, then the
// function calls. Reasoning OpenAI did not produce (no item id or no encrypted content) cannot be
// rehydrated and is dropped: with `store: false` the API would look the id up and fail.
function convertAssistant(message: AssistantMessage, items: ResponsesInputItem[]): void {
  const { content } = message;
  if (typeof content === 'string') {
    if (content !== '') items.push({ role: 'assistant', content });
  } else {
    let text = '';
    for (const part of content) {
      if (part.type === 'text') {
        text += part.text;
        continue;
      }
      if (part.id === undefined || part.signature === undefined || part.redacted === true) continue;
      if (text !== '') {
        items.push({ role: 'assistant', content: text });
        text = '';
      }
      items.push({
        type: 'reasoning',
        id: part.id,
        summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }],
        encrypted_content: part.signature,
      });
    }
    if (text !== '') items.push({ role: 'assistant', content: text });
  }
  for (const call of message.toolCalls ?? []) {
    items.push({ type: 'function_call', call_id: call.id, name: call.name, arguments: call.arguments });
  }
}

/**
 * Maps unified messages to the Responses API's `input` items, one pass, in order: system
 * messages keep their role; user messages become input messages (`input_text`, `input_image` with
 * URLs as given and base64 as `data:` URLs, `detail` default `auto`); assistant turns become
 * reasoning items (`ReasoningPart.id` and `signature` → the item's `id` and
 * `encrypted_content`), an assistant message and `function_call` items (`ToolCall.id` → `call_id`);
 * tool results become `function_call_output` items. `UserMessage.name` and `ToolMessage.isError`
 * have no wire field and are not sent.
 *
 * @param messages - The conversation, already validated by the hub.
 * @returns A new array of input items.
 */
export function convertToResponsesInput(messages: readonly Message[]): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        items.push({ role: 'system', content: message.content });
        break;
      case 'user':
        convertUser(message, items);
        break;
      case 'assistant':
        convertAssistant(message, items);
        break;
      case 'tool':
        items.push({
          type: 'function_call_output',
          call_id: message.toolCallId,
          output: typeof message.content === 'string' ? message.content : joinText(message.content),
        });
        break;
    }
  }
  return items;
}
