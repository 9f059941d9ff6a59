import type { StreamChunk } from '@hub/core';

/** Reads a whole stream into an array (for assertions in tests). */
export async function collectChunks(stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}
