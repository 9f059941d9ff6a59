import { abortError, type ConnectorError } from '@hub/core';
import type { CachedResponse } from '../cached-response.js';

/** How a leader's call ended, as its followers see it. */
export type FlightResult =
  | { readonly type: 'response'; readonly response: CachedResponse }
  | { readonly type: 'error'; readonly error: ConnectorError }
  /** The leader's caller cancelled: followers must call upstream themselves. */
  | { readonly type: 'abandoned' };

const WAITING = Object.freeze({ during: 'waiting for an identical request in flight' });

/**
 * One upstream call that identical requests wait for. Its `result` resolves (never rejects) with
 * a `FlightResult`, so a flight nobody waits for cannot raise an unhandled rejection; the promise
 * is only made when a follower asks for it, so a leader nobody joins (the usual miss) costs one
 * small object.
 */
export class Flight {
  readonly key: string;
  #result: Promise<FlightResult> | undefined;
  #resolve: ((result: FlightResult) => void) | undefined;
  #outcome: FlightResult | undefined;

  constructor(key: string) {
    this.key = key;
  }

  get done(): boolean {
    return this.#outcome !== undefined;
  }

  /** Resolves with the flight's result once it is settled. */
  get result(): Promise<FlightResult> {
    if (this.#result === undefined) {
      this.#result =
        this.#outcome === undefined
          ? new Promise((resolve) => {
              this.#resolve = resolve;
            })
          : Promise.resolve(this.#outcome);
    }
    return this.#result;
  }

  /** Settles the flight once; later calls are ignored. */
  finish(result: FlightResult): void {
    if (this.#outcome !== undefined) return;
    this.#outcome = result;
    this.#resolve?.(result);
  }
}

/** Why a follower stopped waiting without a result. */
export type WaitOutcome = FlightResult | { readonly type: 'expired' };

/**
 * Waits for `flight` as one follower: its own `signal` aborting rejects only this wait (with
 * `cancelled`, or `timeout` for a deadline), and after `maxWaitMs` it gives up with `expired`.
 * Never affects the flight or its other followers.
 */
export function waitForFlight(flight: Flight, signal: AbortSignal, maxWaitMs: number): Promise<WaitOutcome> {
  if (signal.aborted) return Promise.reject(abortError(signal, WAITING));
  return new Promise<WaitOutcome>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanup();
      reject(abortError(signal, WAITING));
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve({ type: 'expired' });
    }, maxWaitMs);
    signal.addEventListener('abort', onAbort, { once: true });
    flight.result.then((result) => {
      cleanup();
      resolve(result);
    });
  });
}
