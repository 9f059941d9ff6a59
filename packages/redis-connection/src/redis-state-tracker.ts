import type { RedisConnectionState } from './redis-connection-state.js';

/**
 * The `up`/`down` state of one Redis connection, calling `onChange` exactly once per transition
 * (never once per failed command). It starts `up`: nothing has failed yet. A throwing `onChange`
 * is ignored: an observer must not change the answer of the operation that saw the transition.
 */
export class RedisStateTracker {
  readonly #onChange: ((state: RedisConnectionState, error?: Error) => void) | undefined;
  #state: RedisConnectionState = 'up';
  #stopped = false;

  constructor(onChange: ((state: RedisConnectionState, error?: Error) => void) | undefined) {
    this.#onChange = onChange;
  }

  /** The current state. */
  get state(): RedisConnectionState {
    return this.#state;
  }

  /** Redis answered (an error reply included: it proves Redis is there). */
  up(): void {
    this.#set('up', undefined);
  }

  /** Redis could not be reached; `error` says why (a non-`Error` is wrapped). */
  down(error: unknown): void {
    this.#set('down', error instanceof Error ? error : new Error(String(error)));
  }

  /** No transitions after this (the connection was closed on purpose). */
  stop(): void {
    this.#stopped = true;
  }

  #set(next: RedisConnectionState, error: Error | undefined): void {
    if (this.#stopped || this.#state === next) return;
    this.#state = next;
    try {
      if (error === undefined) this.#onChange?.(next);
      else this.#onChange?.(next, error);
    } catch {
      // an observer's failure must not turn an answered operation into a failed one
    }
  }
}
