import { ConnectorError } from '@hub/core';
import { wait } from './wait.js';

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
// a provider asking for a longer pause than this is better served by failing over elsewhere
const MAX_RETRY_AFTER_MS = 60_000;

/** How `retryWithBackoff` retries. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly signal: AbortSignal | undefined;
  readonly providerId: string;
}

/**
 * Runs `operation`, retrying retryable `ConnectorError`s up to `maxRetries` times. Waits the
 * error's `retryAfterMs` when given (up to a minute; longer asks fail at once), else an exponential
 * backoff from 500 ms to 8 s with jitter. Aborting `signal` ends the wait with `cancelled`.
 */
export async function retryWithBackoff<T>(operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= policy.maxRetries || !ConnectorError.isInstance(error) || !error.retryable) throw error;
      const asked = error.retryAfterMs;
      if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) throw error;
      const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
      // jitter spreads the retries of many clients that failed together
      const delay = asked ?? backoff / 2 + Math.random() * (backoff / 2);
      await wait(delay, policy.signal, policy.providerId);
    }
  }
}
