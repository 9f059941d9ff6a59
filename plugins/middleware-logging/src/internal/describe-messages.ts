import type { Message } from '@hub/core';

/**
 * The prompt as logged when content logging is on: roles and text, with inline image bytes
 * replaced by their size (base64 images would swamp a log line and say nothing to a reader).
 */
export function describeMessages(messages: readonly Message[]): unknown[] {
  return messages.map((message) => {
    if (typeof message.content === 'string') return message;
    const content = message.content.map((part) =>
      part.type === 'image' && part.source.type === 'base64'
        ? {
            type: 'image',
            source: {
              type: 'base64',
              mediaType: part.source.mediaType,
              bytes: Math.floor((part.source.data.length * 3) / 4),
            },
          }
        : part,
    );
    return { ...message, content };
  });
}
