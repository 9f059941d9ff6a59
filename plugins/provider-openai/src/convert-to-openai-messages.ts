import type { AssistantMessage, ImagePart, Message, TextPart, ToolMessage, UserMessage } from '@hub/core';
import type {
  OpenAIAssistantMessage,
  OpenAIImageContentPart,
  OpenAIMessage,
  OpenAITextContentPart,
  OpenAIToolCall,
  OpenAIUserMessage,
} from './openai-wire-types.js';

function joinText(parts: readonly { readonly type: string; readonly text?: string }[]): string {
  let text = '';
  for (const part of parts) if (part.type === 'text') text += part.text;
  return text;
}

function convertUserPart(part: TextPart | ImagePart): OpenAITextContentPart | OpenAIImageContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const { source } = part;
  const url = source.type === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
  return { type: 'image_url', image_url: { url, detail: part.detail } };
}

function convertUser(message: UserMessage): OpenAIUserMessage {
  const { content } = message;
  if (typeof content === 'string') return { role: 'user', content, name: message.name };
  const parts: (OpenAITextContentPart | OpenAIImageContentPart)[] = new Array(content.length);
  for (let index = 0; index < content.length; index++) parts[index] = convertUserPart(content[index]!);
  return { role: 'user', content: parts, name: message.name };
}

function convertAssistant(message: AssistantMessage): OpenAIAssistantMessage {
  // reasoning parts are dropped: Chat Completions neither accepts nor needs them back
  const text = typeof message.content === 'string' ? message.content : joinText(message.content);
  const calls = message.toolCalls;
  if (calls === undefined || calls.length === 0) return { role: 'assistant', content: text };
  const toolCalls: OpenAIToolCall[] = new Array(calls.length);
  for (let index = 0; index < calls.length; index++) {
    const call = calls[index]!;
    toolCalls[index] = {
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    };
  }
  // `null` rather than "" next to tool calls: it is what OpenAI itself returns for such turns
  return { role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls };
}

function convertTool(message: ToolMessage): OpenAIMessage {
  const content = typeof message.content === 'string' ? message.content : joinText(message.content);
  return { role: 'tool', tool_call_id: message.toolCallId, content };
}

/**
 * Maps unified messages to Chat Completions `messages`: `system` and `user` keep their role (user
 * images become `image_url` parts, base64 images `data:` URLs, `detail` kept); assistant turns
 * carry `tool_calls` with `type: "function"` (content `null` when the turn only called tools) and
 * drop reasoning parts; tool results become `role: "tool"` with `tool_call_id`. `isError` has no
 * wire field and is not sent: the content itself should say the tool failed.
 *
 * @param messages - The conversation, already validated by the hub.
 * @returns A new array of wire messages, one per input message, in order.
 */
export function convertToOpenAIMessages(messages: readonly Message[]): OpenAIMessage[] {
  const result: OpenAIMessage[] = new Array(messages.length);
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    switch (message.role) {
      case 'system':
        result[index] = { role: 'system', content: message.content };
        break;
      case 'user':
        result[index] = convertUser(message);
        break;
      case 'assistant':
        result[index] = convertAssistant(message);
        break;
      case 'tool':
        result[index] = convertTool(message);
        break;
    }
  }
  return result;
}
