import { StringDecoder } from 'node:string_decoder';
import { ConnectorError } from '@hub/core';
import { createParser, type EventSourceParser, type ParseError } from 'eventsource-parser';
import type { DecodeSseOptions, SseEvent } from '../decode-sse.js';

const DEFAULT_MAX_BUFFER_SIZE = 16 * 1024 * 1024;
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
const BYTE_ORDER_MARK = 0xfeff;

/**
 * The SSE decoding shared by `decodeSse` and `decodeSseBatches`: one source read is decoded
 * and parsed in one go, and `next()` hands over every event it completed at once, so a consumer
 * awaits once per network read rather than once per event.
 *
 * Each batch holds at least one event: reads that complete none (a partial event, comments only)
 * are followed by further reads before `next()` resolves.
 */
export class SseBatchDecoder implements AsyncIterableIterator<SseEvent[]> {
  readonly #source: AsyncIterator<Uint8Array>;
  // `StringDecoder` rather than `TextDecoder`: Node's TextDecoder leaves its fast path for good
  // once `stream: true` is used and then costs about eight times as much per byte
  readonly #decoder = new StringDecoder('utf8');
  readonly #parser: EventSourceParser;
  readonly #providerId: string | undefined;
  #events: SseEvent[] = [];
  #error: ConnectorError | undefined;
  #finished = false;
  #sawText = false;

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

  /**
   * The events completed by the next source read(s), in order; done once the source ended and
   * every event was handed over. A buffer overflow is thrown after the events before it.
   */
  async next(): Promise<IteratorResult<SseEvent[]>> {
    for (;;) {
      const events = this.#events;
      if (events.length > 0) {
        // handed over, not copied: the consumer owns the array from now on
        this.#events = [];
        return { done: false, value: events };
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
        this.#parser.feed(`${this.#text(this.#decoder.end())}\n\n`);
      } else {
        this.#parser.feed(this.#text(this.#decoder.write(result.value)));
      }
      if (this.#error !== undefined && !this.#finished) {
        // events decoded before the overflow are still delivered, then the error
        this.#finished = true;
        await this.#source.return?.();
      }
    }
  }

  /** Drops undelivered events and, unless the source already ended, closes it. */
  async return(): Promise<IteratorReturnResult<undefined>> {
    this.#events = [];
    if (!this.#finished) {
      this.#finished = true;
      await this.#source.return?.();
    }
    return DONE;
  }

  // UTF-8 decoding strips a leading byte order mark, as the SSE specification requires
  #text(text: string): string {
    if (this.#sawText || text === '') return text;
    this.#sawText = true;
    return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
  }

  #onParseError(error: ParseError): void {
    // unknown fields and bad `retry:` values are ignored, as the SSE specification requires
    if (error.type !== 'max-buffer-size-exceeded') return;
    this.#error = new ConnectorError('parse', `An event stream line or event exceeded the buffer limit`, {
      cause: error,
      ...(this.#providerId !== undefined && { providerId: this.#providerId }),
    });
  }
}
