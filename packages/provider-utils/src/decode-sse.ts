import { SseBatchDecoder } from './internal/sse-batch-decoder.js';

/** One server-sent event. */
export interface SseEvent {
  /** The `event:` field; `undefined` when the server sent none (browsers would say `message`). */
  readonly event?: string | undefined;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The `id:` field of this event, if any. */
  readonly id?: string | undefined;
}

/** Options for `decodeSse` and `decodeSseBatches`. */
export interface DecodeSseOptions {
  /** Named in the error raised when the buffer limit is exceeded. */
  readonly providerId?: string;
  /**
   * Most characters buffered for one unfinished line or event before decoding fails with a
   * `parse` error, so a stream without line breaks cannot exhaust memory. Default 16 Mi.
   */
  readonly maxBufferSize?: number;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
const NO_EVENTS: readonly SseEvent[] = Object.freeze([]);

// one event at a time out of the batches of `SseBatchDecoder`: a source read is awaited only
// when the events of the previous one are used up
class SseDecoder implements AsyncIterableIterator<SseEvent> {
  readonly #batches: SseBatchDecoder;
  #batch: readonly SseEvent[] = NO_EVENTS;
  #next = 0;

  constructor(source: AsyncIterable<Uint8Array>, options: DecodeSseOptions) {
    this.#batches = new SseBatchDecoder(source, options);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<SseEvent>> {
    if (this.#next < this.#batch.length) return { done: false, value: this.#batch[this.#next++]! };
    this.#batch = NO_EVENTS;
    this.#next = 0;
    const result = await this.#batches.next();
    if (result.done === true) return DONE;
    this.#batch = result.value;
    this.#next = 1;
    return { done: false, value: result.value[0]! };
  }

  return(): Promise<IteratorResult<SseEvent>> {
    this.#batch = NO_EVENTS;
    this.#next = 0;
    return this.#batches.return();
  }
}

/**
 * Decodes a `text/event-stream` body into events, as the SSE specification defines: events may
 * be split anywhere across chunks (even inside a UTF-8 character), lines may end in LF, CR or
 * CRLF, comment lines (`: ping`) are skipped, and multi-line `data:` is joined with `\n`. An
 * event that the stream ends without a terminating blank line is still delivered. Sentinels
 * such as OpenAI's `[DONE]` are delivered as ordinary events: interpreting them is the
 * provider's job.
 *
 * Pull-based: nothing is read until the consumer asks, and the events of one source read are
 * handed out before the source is read again (`decodeSseBatches` hands them out as one array,
 * for consumers that want one await per network read). Stopping early (`break`, `return()`)
 * calls `return()` on the source iterator, which for an `HttpClient` stream body closes the
 * connection. Errors from the source are rethrown as they are.
 *
 * @param body - The response body, e.g. `HttpStreamResponse.body`.
 * @param options - Buffer limit and provider id for errors.
 * @returns A single-use async iterable of events.
 * @throws ConnectorError `parse` when a line or event exceeds `maxBufferSize`.
 */
export function decodeSse(
  body: AsyncIterable<Uint8Array>,
  options: DecodeSseOptions = {},
): AsyncIterable<SseEvent> {
  return new SseDecoder(body, options);
}
