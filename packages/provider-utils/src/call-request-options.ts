import type { CallOptions } from '@hub/core';
import { CallDeadline } from './call-deadline.js';

/** A provider's defaults for what `CallOptions` may set per call, and how it sends a request id. */
export interface CallDefaults {
  /** Whole-call deadline in milliseconds when the call sets none; 0 or absent: none. */
  readonly timeoutMs?: number | undefined;
  /** First-byte deadline in milliseconds when the call sets none; 0 or absent: none. */
  readonly firstByteTimeoutMs?: number | undefined;
  /** Idle deadline in milliseconds when the call sets none; 0 or absent: none. */
  readonly idleTimeoutMs?: number | undefined;
  /** Header carrying `CallOptions.requestId` (`x-client-request-id`); absent: the id is not sent. */
  readonly requestIdHeader?: string | undefined;
}

/** What one call adds to each of its HTTP requests; spread it into `HttpRequestOptions`. */
export interface CallRequestOptions {
  /**
   * The call's deadlines and signal, running from now. The caller disposes it when the call ends
   * (after the stream's last chunk for streams), and uses its `signal` for anything else the call
   * waits for (credentials, retry backoff).
   */
  readonly deadline: CallDeadline;
  /** The call's extra headers plus the request id header; absent when there are none. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Builds the per-request options of one call from its `CallOptions`, the one place where every
 * provider turns them into HTTP terms: `signal`, `timeoutMs`, `firstByteTimeoutMs` and
 * `idleTimeoutMs` (each the call's value, else the provider's default) become one `CallDeadline`
 * started now; `headers` and `requestId` become the request's extra headers.
 *
 * @example
 * ```ts
 * const call = callRequestOptions('acme', callOptions, { timeoutMs: config.timeoutMs });
 * try {
 *   return await client.requestJson({ method: 'POST', path: '/chat', body, ...call });
 * } finally {
 *   call.deadline.dispose();
 * }
 * ```
 *
 * @param providerId - Named in the `timeout` errors.
 * @param callOptions - The call's options.
 * @param defaults - The provider's configured deadlines and request id header.
 */
export function callRequestOptions(
  providerId: string,
  callOptions: CallOptions,
  defaults: CallDefaults = {},
): CallRequestOptions {
  const deadline = new CallDeadline(providerId, {
    signal: callOptions.signal,
    timeoutMs: callOptions.timeoutMs ?? defaults.timeoutMs,
    firstByteTimeoutMs: callOptions.firstByteTimeoutMs ?? defaults.firstByteTimeoutMs,
    idleTimeoutMs: callOptions.idleTimeoutMs ?? defaults.idleTimeoutMs,
  });
  const { requestIdHeader } = defaults;
  const requestId = requestIdHeader === undefined ? undefined : callOptions.requestId;
  if (requestId === undefined) {
    return callOptions.headers === undefined ? { deadline } : { deadline, headers: callOptions.headers };
  }
  return { deadline, headers: { ...callOptions.headers, [requestIdHeader as string]: requestId } };
}
