import { randomUUID } from 'node:crypto';
import { type CompletionResponse, ConnectorError, type StreamChunk, StreamFolder } from '@hub/core';
import { GeminiChunkMapper, type GeminiChunkMapperOptions } from './gemini-chunk-mapper.js';
import type { GeminiResponse } from './gemini-wire-types.js';

/**
 * Maps a whole `generateContent` response to the unified response. It runs through the same
 * `GeminiChunkMapper` as streams and is folded like a stream, so both paths agree exactly: text,
 * reasoning and tool calls in the order Gemini produced them, with their signatures. `raw` keeps
 * the body; `id` is Gemini's `responseId`, or a generated `gemini-<uuid>` when it sends none. A
 * candidate without a `finishReason` finishes as `other`.
 *
 * @param body - The parsed response body.
 * @param options - Provider id and requested model.
 *
 * @throws ConnectorError `content_filter` when the prompt was blocked
 *   (`promptFeedback.blockReason`); `provider` (retryable) when the response has no candidate
 *   and no block reason.
 */
export function mapGeminiResponse(
  body: GeminiResponse,
  options: GeminiChunkMapperOptions,
): CompletionResponse {
  const mapper = new GeminiChunkMapper(options);
  const chunks: StreamChunk[] = [];
  mapper.map(body, chunks);
  if (!Array.isArray(body.candidates) || body.candidates.length === 0) {
    throw new ConnectorError('provider', 'The response has no candidates.', {
      providerId: options.providerId,
      model: options.model,
    });
  }
  const folder = new StreamFolder({
    provider: options.providerId,
    model: options.model,
    id: mapper.responseId ?? `gemini-${randomUUID()}`,
  });
  for (const chunk of chunks) folder.push(chunk);
  folder.push(mapper.finish('other'));
  return { ...folder.result(), raw: body };
}
