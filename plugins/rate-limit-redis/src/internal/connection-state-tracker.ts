import type { RedisConnectionState } from '../redis-connection-state.js';

/**
 * The `up`/`down` state of one Redis connection, calling `onChange` exactly once per transition
 * (never once per failed command). It starts `up`: nothing has failed yet.
 */
export class ConnectionStateTracker {
  readonly #onChange: ((state: RedisConnectionState, error?: Error) => void) | undefined;
  #state: RedisConnectionState = 'up';
  #stopped = false;

  constructor(onChange: ((state: RedisConnectionState, error?: Error) => void) | undefined) {
    this.#onChange = onChange;
  }

  get state(): RedisConnectionState {
    return this.#state;
  }

  /** Redis answered. */
  up(): void {
    this.#set('up', undefined);
  }

  /** Redis could not be reached; `error` says why. */
  down(error: Error): void {
    this.#set('down', error);
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
      // an observer's failure must not change the limiter's answer
    }
  }
}
