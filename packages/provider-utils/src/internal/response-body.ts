import type { Readable } from 'node:stream';
import type { RequestScope } from './request-scope.js';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

function ignore(): void {}

/**
 * A stream response's body as handed to the caller: undici's body readable, with errors turned
 * into `ConnectorError`s, the idle limit counted while a read waits, and the request scope
 * released when the body ends, fails or is abandoned. Its own iterator, so no generator or
 * per-chunk closure is involved.
 */
export class ResponseBody implements AsyncIterableIterator<Uint8Array> {
  readonly #readable: Readable;
  readonly #scope: RequestScope;
  #iterator: AsyncIterator<Uint8Array> | undefined;
  #finished = false;

  constructor(readable: Readable, scope: RequestScope) {
    this.#readable = readable;
    this.#scope = scope;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<Uint8Array>> {
    if (this.#finished) return DONE;
    this.#iterator ??= this.#readable[Symbol.asyncIterator]();
    const deadline = this.#scope.deadline;
    deadline.bodyWaiting();
    try {
      const result = await this.#iterator.next();
      deadline.bodyReceived();
      if (result.done === true) this.#finish();
      return result;
    } catch (error) {
      deadline.bodyReceived();
      this.#finish();
      throw this.#scope.convert(error);
    }
  }

  /** Stops reading: destroys the undici body, which aborts the request and closes the socket. */
  async return(): Promise<IteratorResult<Uint8Array>> {
    if (!this.#finished) {
      this.#finish();
      // undici's body reports an early destroy as an 'error' event; nobody is left to hear it
      this.#readable.on('error', ignore);
      this.#readable.destroy();
    }
    return DONE;
  }

  #finish(): void {
    this.#finished = true;
    this.#scope.finish();
  }
}
