import { untilAborted as waitUntilAborted } from '@hub/provider-utils';
import { abortError } from './abort-error.js';

/** `untilAborted` from provider-utils, rejecting with Bedrock's `cancelled`/`timeout` error. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return waitUntilAborted(promise, signal, (aborted) => abortError(aborted.reason));
}
