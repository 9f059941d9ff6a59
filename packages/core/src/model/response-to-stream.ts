import type { CompletionResponse } from './completion-response.js';
import type { StreamChunk } from './stream-chunk.js';

/**
 * Replays a finished response as stream chunks, in content order, with `finish` last. Used to
 * answer a stream request from a cache or a short-circuiting middleware.
 */
export function responseToChunks(response: CompletionResponse): StreamChunk[] {
  const chunks: StreamChunk[] = [];
  let toolIndex = 0;
  for (const part of response.content) {
    if (part.type === 'text') chunks.push({ type: 'text-delta', text: part.text });
    else if (part.type === 'reasoning') {
      chunks.push({
        type: 'reasoning-delta',
        text: part.text,
        ...(part.signature !== undefined && { signature: part.signature }),
        ...(part.redacted === true && { redacted: true }),
        ...(part.id !== undefined && { id: part.id }),
      });
    } else {
      chunks.push({
        type: 'tool-call-delta',
        index: toolIndex++,
        id: part.id,
        name: part.name,
        argumentsDelta: part.arguments,
        ...(part.signature !== undefined && { signature: part.signature }),
      });
    }
  }
  chunks.push({
    type: 'finish',
    finishReason: response.finishReason,
    usage: response.usage,
    responseId: response.id,
    model: response.model,
    ...(response.refusal !== undefined && { refusal: response.refusal }),
  });
  return chunks;
}
