/**
 * Per-call options every async operation accepts.
 */
export interface CallOptions {
  /**
   * Cancels the call. Aborting rejects with a `cancelled` `ConnectorError` (or `timeout` when the
   * abort reason is a `TimeoutError`) and closes the upstream connection, including mid-stream.
   */
  readonly signal?: AbortSignal;
  /** Whole-call deadline in milliseconds; for streams, the deadline for the first byte. */
  readonly timeoutMs?: number;
  /** For streams: the longest gap between two chunks, in milliseconds. */
  readonly idleTimeoutMs?: number;
  /** Extra HTTP headers for this call (never logged). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Correlation id, forwarded to providers that accept one. */
  readonly requestId?: string;
}
