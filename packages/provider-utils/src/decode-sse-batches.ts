import type { DecodeSseOptions, SseEvent } from './decode-sse.js';
import { SseBatchDecoder } from './internal/sse-batch-decoder.js';

/**
 * Decodes a `text/event-stream` body as `decodeSse` does, but yields the events of each network
 * read together, as one array, so a consumer awaits once per read instead of once per event. A
 * model's answer often arrives as dozens of events in a single read; the hops saved per event are
 * most of what decoding a stream costs besides `JSON.parse`.
 *
 * - Every array holds at least one event, in stream order; reads that complete no event (part
 *   of one, comments only) are followed by further reads before the next array is yielded.
 * - The consumer owns each array: the decoder never touches it again.
 * - Events are decoded exactly as by `decodeSse` (splits anywhere, even inside a UTF-8
 *   character; LF, CR or CRLF; comments skipped; an unterminated last event still delivered).
 *
 * Pull-based: nothing is read until the consumer asks. Stopping early (`break`, `return()`)
 * calls `return()` on the source iterator, which for an `HttpClient` stream body closes the
 * connection; a source that ended or failed is not closed again. Errors from the source are
 * rethrown as they are.
 *
 * @example
 * ```ts
 * const response = await client.requestStream({ method: 'POST', path: '/chat/completions', body });
 * for await (const events of decodeSseBatches(response.body, { providerId: 'openai' })) {
 *   for (const event of events) handle(event.data);
 * }
 * ```
 *
 * @param body - The response body, e.g. `HttpStreamResponse.body`.
 * @param options - Buffer limit and provider id for errors.
 * @returns A single-use async iterable of non-empty event arrays; its iterator is itself.
 * @throws ConnectorError `parse` when a line or event exceeds `maxBufferSize` (after the events
 *   decoded before the overflow were yielded; the source is closed at once).
 */
export function decodeSseBatches(
  body: AsyncIterable<Uint8Array>,
  options: DecodeSseOptions = {},
): AsyncIterableIterator<SseEvent[]> {
  return new SseBatchDecoder(body, options);
}
