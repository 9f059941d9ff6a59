import { AbortError, TimeoutError } from '@redis/client';
import type { RedisCommandClient } from '../redis-command-client.js';

/**
 * How the stalling client delivers one command:
 *
 * - `prompt`: as the real client does.
 * - `stalled`: the command waits in front of the socket, as in node-redis' write queue when the
 *   event loop or the socket is congested by a burst, and is never sent. Its `timeout` and
 *   `abortSignal` drop it there, rejecting with node-redis' `TimeoutError` and `AbortError`.
 * - `late-reply`: the command is sent at once, so Redis executes it, but its reply is held until
 *   `deliverLateReplies()`. Like node-redis once a command is written, `timeout` and
 *   `abortSignal` no longer apply to it.
 */
export type Delivery = 'prompt' | 'stalled' | 'late-reply';

interface CommandOptions {
  readonly abortSignal?: AbortSignal;
  readonly timeout?: number;
}

/**
 * A `RedisCommandClient` in front of a real client that makes chosen commands slow without
 * touching Redis itself (a `CLIENT PAUSE` would slow every other test running against it), and
 * deterministically: nothing is released by time, only by the caller's own timeout or abort, or
 * by the test.
 */
export class StallingCommandClient implements RedisCommandClient {
  readonly #inner: RedisCommandClient;
  readonly #choose: (args: readonly string[]) => Delivery;
  readonly #heldReplies: (() => void)[] = [];
  #stalled = 0;
  // late-reply commands Redis has answered (so has run), delivered or not
  #answered = 0;
  // what `whenHeld` and `whenAnswered` wait for; each leaves once its condition holds
  #waiters: { readonly ready: () => boolean; readonly resolve: () => void }[] = [];

  constructor(inner: RedisCommandClient, choose: (args: readonly string[]) => Delivery) {
    this.#inner = inner;
    this.#choose = choose;
  }

  get isReady(): boolean {
    return this.#inner.isReady;
  }

  /** Commands waiting in front of the socket now. */
  get stalled(): number {
    return this.#stalled;
  }

  /** Replies held back now. */
  get heldReplies(): number {
    return this.#heldReplies.length;
  }

  /** Resolves once at least `count` replies are held. */
  whenHeld(count: number): Promise<void> {
    return this.#when(() => this.#heldReplies.length >= count);
  }

  /**
   * Resolves once Redis has answered at least `count` `late-reply` commands, whether or not the
   * replies were let through: Redis has then run them, so their effect is visible to every
   * other connection.
   */
  whenAnswered(count: number): Promise<void> {
    return this.#when(() => this.#answered >= count);
  }

  /** Lets every held reply through, in the order Redis sent them. */
  deliverLateReplies(): void {
    for (const deliver of this.#heldReplies.splice(0)) deliver();
  }

  sendCommand<T = unknown>(args: readonly string[], options?: CommandOptions): Promise<T> {
    const delivery = this.#choose(args);
    if (delivery === 'prompt') return this.#inner.sendCommand<T>(args, options);
    if (delivery === 'late-reply') {
      const reply = this.#inner.sendCommand<T>(args);
      const answered = (): void => {
        this.#answered++;
        this.#notify();
      };
      reply.then(answered, answered);
      return new Promise<T>((resolve, reject) => {
        this.#heldReplies.push(() => {
          reply.then(resolve, reject);
        });
        this.#notify();
      });
    }
    return this.#stall<T>(options);
  }

  #when(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push({ ready, resolve });
    });
  }

  #notify(): void {
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiting) {
      if (waiter.ready()) waiter.resolve();
      else this.#waiters.push(waiter);
    }
  }

  #stall<T>(options: CommandOptions | undefined): Promise<T> {
    const signal = options?.abortSignal;
    if (signal?.aborted === true) return Promise.reject(new AbortError());
    this.#stalled++;
    return new Promise<T>((_resolve, reject) => {
      const drop = (error: Error): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#stalled--;
        reject(error);
      };
      const onAbort = (): void => drop(new AbortError());
      const timer =
        options?.timeout === undefined
          ? undefined
          : setTimeout(() => drop(new TimeoutError()), options.timeout);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** True for the EVALSHA or EVAL of a rate-limit `check`. */
export function isCheckCommand(args: readonly string[]): boolean {
  const command = args[0];
  if (command !== 'EVALSHA' && command !== 'EVAL') return false;
  return args[3 + Number(args[2])] === 'check';
}
