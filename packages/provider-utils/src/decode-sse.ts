import { ConnectorError } from '@hub/core';
import {
  createParser,
  type EventSourceMessage,
  type EventSourceParser,
  type ParseError,
} from 'eventsource-parser';

/** One server-sent event. */
export interface SseEvent {
  /** The `event:` field; `undefined` when the server sent none (browsers would say `message`). */
  readonly event?: string | undefined;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The `id:` field of this event, if any. */
  readonly id?: string | undefined;
}

/** Options for `decodeSse`. */
export interface DecodeSseOptions {
  /** Named in the error raised when the buffer limit is exceeded. */
  readonly providerId?: string;
  /**
   * Most characters buffered for one unfinished line or event before decoding fails with a
   * `parse` error, so a stream without line breaks cannot exhaust memory. Default 16 Mi.
   */
  readonly maxBufferSize?: number;
}

const DEFAULT_MAX_BUFFER_SIZE = 16 * 1024 * 1024;
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

class SseDecoder implements AsyncIterableIterator<SseEvent> {
  readonly #source: AsyncIterator<Uint8Array>;
  readonly #decoder = new TextDecoder();
  readonly #parser: EventSourceParser;
  readonly #providerId: string | undefined;
  #events: EventSourceMessage[] = [];
  #next = 0;
  #error: ConnectorError | undefined;
  #finished = false;

  constructor(source: AsyncIterable<Uint8Array>, options: DecodeSseOptions) {
    this.#source = source[Symbol.asyncIterator]();
    this.#providerId = options.providerId;
    this.#parser = createParser({
      onEvent: (event) => {
        this.#events.push(event);
      },
      onError: (error) => this.#onParseError(error),
      maxBufferSize: options.maxBufferSize ?? DEFAULT_MAX_BUFFER_SIZE,
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<SseEvent>> {
    for (;;) {
      const events = this.#events;
      if (this.#next < events.length) {
        const event = events[this.#next++]!;
        if (this.#next === events.length) {
          events.length = 0;
          this.#next = 0;
        }
        return { done: false, value: event };
      }
      if (this.#error !== undefined) {
        const error = this.#error;
        this.#error = undefined;
        throw error;
      }
      if (this.#finished) return DONE;
      let result: IteratorResult<Uint8Array>;
      try {
        result = await this.#source.next();
      } catch (error) {
        this.#finished = true;
        throw error;
      }
      if (result.done === true) {
        this.#finished = true;
        // lenient end of stream: an event missing its final blank line is still delivered
        this.#parser.feed(`${this.#decoder.decode()}\n\n`);
      } else {
        this.#parser.feed(this.#decoder.decode(result.value, { stream: true }));
      }
      if (this.#error !== undefined && !this.#finished) {
        // events decoded before the overflow are still delivered, then the error
        this.#finished = true;
        await this.#source.return?.();
      }
    }
  }

  async return(): Promise<IteratorResult<SseEvent>> {
    this.#events.length = 0;
    this.#next = 0;
    if (!this.#finished) {
      this.#finished = true;
      await this.#source.return?.();
    }
    return DONE;
  }

  #onParseError(error: ParseError): void {
    // unknown fields and bad `retry:` values are ignored, as the SSE specification requires
    if (error.type !== 'max-buffer-size-exceeded') return;
    const prefix = this.#providerId === undefined ? '' : `${this.#providerId}: `;
    this.#error = new ConnectorError(
      'parse',
      `${prefix}an event stream line or event exceeded the buffer limit`,
      {
        cause: error,
        ...(this.#providerId !== undefined && { providerId: this.#providerId }),
      },
    );
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
 * Pull-based: nothing is read until the consumer asks. Stopping early (`break`, `return()`)
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
