import type { CompletionRequest } from './completion-request.js';

/** The size of a request's content as token estimates count it. */
export interface RequestTextSize {
  /** Characters of every message text, tool call (name and arguments) and tool definition. */
  readonly characters: number;
  /** Image parts, which estimates charge a fixed count each. */
  readonly images: number;
}

/**
 * Measures what a request sends for a token estimate to count: the characters of every message
 * text (reasoning included), assistant tool call (name and arguments) and tool definition (name,
 * description, JSON schema), and the number of images. Linear in the request's size. Shared by
 * `estimateInputTokens` and token counters that weigh the same content otherwise (a mock's).
 */
export function measureRequestText(request: CompletionRequest): RequestTextSize {
  let characters = 0;
  let images = 0;
  for (const message of request.messages) {
    if (typeof message.content === 'string') characters += message.content.length;
    else {
      for (const part of message.content) {
        if (part.type === 'image') images++;
        else characters += part.text.length;
      }
    }
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) characters += call.name.length + call.arguments.length;
    }
  }
  for (const tool of request.tools ?? []) {
    characters += tool.name.length + (tool.description?.length ?? 0) + JSON.stringify(tool.parameters).length;
  }
  return { characters, images };
}
