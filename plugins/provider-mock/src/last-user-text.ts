import type { CompletionRequest } from '@hub/core';

/** The text of the request's last user message (images as `[image]`), or undefined when there is none. */
export function lastUserText(request: CompletionRequest): string | undefined {
  for (let index = request.messages.length - 1; index >= 0; index--) {
    const message = request.messages[index];
    if (message?.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    return message.content.map((part) => (part.type === 'text' ? part.text : '[image]')).join(' ');
  }
  return undefined;
}
