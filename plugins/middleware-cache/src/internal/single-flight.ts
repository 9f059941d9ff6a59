import type { CompletionResponse } from '@hub/core';
import { ConnectorError } from '@hub/core';

/** How a leader's call ended, as its followers see it. */
export type FlightResult =
  | { readonly type: 'response'; readonly response: CompletionResponse }
  | { readonly type: 'error'; readonly error: ConnectorError }
  /** The leader's caller cancelled: followers must call upstream themselves. */
  | { readonly type: 'abandoned' };

/**
 * One upstream call that identical requests wait for. It resolves (never rejects) with a
 * `FlightResult`, so a flight nobody waits for cannot raise an unhandled rejection.
 */
export class Flight {
  readonly key: string;
  readonly result: Promise<FlightResult>;
  #resolve!: (result: FlightResult) => void;
  #done = false;

  constructor(key: string) {
    this.key = key;
    this.result = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get done(): boolean {
    return this.#done;
  }

  /** Settles the flight once; later calls are ignored. */
  finish(result: FlightResult): void {
    if (this.#done) return;
    this.#done = true;
    this.#resolve(result);
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
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<WaitOutcome>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanup();
      reject(abortError(signal));
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

function abortError(signal: AbortSignal): ConnectorError {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return new ConnectorError(
    timedOut ? 'timeout' : 'cancelled',
    timedOut
      ? 'The request timed out while waiting for an identical request in flight.'
      : 'The request was cancelled while waiting for an identical request in flight.',
    { cause: reason },
  );
}
