import { ConnectorError, type StreamChunk } from '@hub/core';
import type { SseEvent } from '@hub/provider-utils';
import { GeminiChunkMapper, type GeminiChunkMapperOptions } from './gemini-chunk-mapper.js';
import type { GeminiResponse } from './gemini-wire-types.js';
import { mapGeminiError } from './map-gemini-error.js';

/** Options of `decodeGeminiStream`. */
export type DecodeGeminiStreamOptions = GeminiChunkMapperOptions;

function parseEvent(data: string, providerId: string, model: string): unknown {
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new ConnectorError('parse', 'A stream event is not valid JSON.', {
      providerId,
      model,
      cause: error,
    });
  }
}

/**
 * Decodes the SSE body of `:streamGenerateContent?alt=sse` into unified chunks. Every event's
 * `data` is a complete `GenerateContentResponse` carrying the next piece of the answer (see
 * `GeminiChunkMapper`); `finish` comes once the body ended, with the last `usageMetadata`, so
 * a usage-only event after the `finishReason` is still counted.
 *
 * Pull-based: stopping early (`break`, `return()`) returns the event source, which closes the
 * connection.
 *
 * @param events - The decoded SSE events (`decodeSse(response.body)`).
 * @param options - Provider id and requested model.
 * @throws ConnectorError mapped by `mapGeminiError` for an `{"error": …}` event; `parse` for an
 *   event that is not JSON; `content_filter` when the prompt was blocked; `stream` when the body
 *   ends before any event carried a `finishReason` (a truncated stream never ends silently).
 */
export async function* decodeGeminiStream(
  events: AsyncIterable<SseEvent>,
  options: DecodeGeminiStreamOptions,
): AsyncGenerator<StreamChunk, void, undefined> {
  const { providerId, model } = options;
  const mapper = new GeminiChunkMapper(options);
  const chunks: StreamChunk[] = [];
  for await (const event of events) {
    if (event.data === '') continue;
    const value = parseEvent(event.data, providerId, model);
    if (typeof value === 'object' && value !== null && 'error' in value) {
      const status = (value as { error?: { code?: unknown } }).error?.code;
      throw mapGeminiError(
        {
          status: typeof status === 'number' && status >= 400 && status <= 599 ? status : 500,
          headers: {},
          bodyText: event.data,
          bodyJson: value,
        },
        providerId,
      );
    }
    mapper.map(value as GeminiResponse, chunks);
    for (const chunk of chunks) yield chunk;
    chunks.length = 0;
  }
  yield mapper.finish();
}
