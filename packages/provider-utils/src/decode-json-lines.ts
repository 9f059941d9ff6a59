import { ConnectorError } from '@hub/core';

/** Options for `decodeJsonLines`. */
export interface DecodeJsonLinesOptions {
  /** Named in parse errors. */
  readonly providerId?: string;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

class JsonLinesDecoder implements AsyncIterableIterator<unknown> {
  readonly #source: AsyncIterator<Uint8Array>;
  readonly #decoder = new TextDecoder();
  readonly #providerId: string | undefined;
  #values: unknown[] = [];
  #next = 0;
  #pending = '';
  #lineNumber = 0;
  #error: ConnectorError | undefined;
  #finished = false;

  constructor(source: AsyncIterable<Uint8Array>, options: DecodeJsonLinesOptions) {
    this.#source = source[Symbol.asyncIterator]();
    this.#providerId = options.providerId;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<unknown>> {
    for (;;) {
      const values = this.#values;
      if (this.#next < values.length) {
        const value = values[this.#next++];
        if (this.#next === values.length) {
          values.length = 0;
          this.#next = 0;
        }
        return { done: false, value };
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
      try {
        if (result.done === true) {
          this.#finished = true;
          const rest = this.#pending + this.#decoder.decode();
          this.#pending = '';
          this.#parseLine(rest);
        } else {
          this.#feed(this.#decoder.decode(result.value, { stream: true }));
        }
      } catch (error) {
        // values decoded before the bad line are still delivered, then the error
        this.#error = error as ConnectorError;
        if (!this.#finished) {
          this.#finished = true;
          await this.#source.return?.();
        }
      }
    }
  }

  async return(): Promise<IteratorResult<unknown>> {
    this.#values.length = 0;
    this.#next = 0;
    if (!this.#finished) {
      this.#finished = true;
      await this.#source.return?.();
    }
    return DONE;
  }

  #feed(text: string): void {
    let newline = text.indexOf('\n');
    if (newline === -1) {
      this.#pending += text;
      return;
    }
    let start = 0;
    let first = true;
    while (newline !== -1) {
      const line = text.slice(start, newline);
      this.#parseLine(first ? this.#pending + line : line);
      first = false;
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.#pending = text.slice(start);
  }

  #parseLine(line: string): void {
    this.#lineNumber++;
    // trim() also drops the `\r` of CRLF line endings
    const text = line.trim();
    if (text === '') return;
    try {
      this.#values.push(JSON.parse(text));
    } catch (error) {
      throw new ConnectorError(
        'parse',
        `Line ${this.#lineNumber} of the JSON-lines stream is not valid JSON`,
        {
          cause: error,
          ...(this.#providerId !== undefined && { providerId: this.#providerId }),
        },
      );
    }
  }
}

/**
 * Decodes a newline-delimited JSON body (NDJSON / JSON Lines), as some providers stream
 * (Ollama, Cohere): one JSON value per line, LF or CRLF endings, blank lines skipped, a final
 * line without a newline accepted, lines split anywhere across chunks.
 *
 * Pull-based; stopping early calls `return()` on the source iterator (closing the connection).
 *
 * @param body - The response body, e.g. `HttpStreamResponse.body`.
 * @param options - Provider id for error attribution.
 * @returns A single-use async iterable of parsed values.
 * @throws ConnectorError `parse` for a line that is not valid JSON (the message gives the line
 *   number, not the content); the source is closed first.
 */
export function decodeJsonLines(
  body: AsyncIterable<Uint8Array>,
  options: DecodeJsonLinesOptions = {},
): AsyncIterable<unknown> {
  return new JsonLinesDecoder(body, options);
}
