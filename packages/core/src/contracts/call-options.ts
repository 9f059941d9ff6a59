/**
 * Per-call options every async operation accepts.
 *
 * The three deadlines have one meaning in every provider (a provider's own config may set
 * defaults for them; a value given here wins for this call):
 *
 * ```text
 *   request sent ──► response headers / first byte ──► chunk ──► chunk ──► … ──► last byte
 *   |◄──── firstByteTimeoutMs ────►|         |◄ idleTimeoutMs ►|
 *   |◄───────────────────────────────── timeoutMs ─────────────────────────────────────►|
 * ```
 *
 * Each expiry fails the call with a `timeout` `ConnectorError` (mid-stream too, never a silent
 * end) and closes the upstream connection.
 */
export interface CallOptions {
  /**
   * Cancels the call. Aborting rejects with a `cancelled` `ConnectorError` (or `timeout` when the
   * abort reason is a `TimeoutError`) and closes the upstream connection, including mid-stream.
   */
  readonly signal?: AbortSignal;
  /**
   * Deadline of the whole call in milliseconds, from sending the request until the last byte of
   * the response (for streams: until the stream ends).
   */
  readonly timeoutMs?: number;
  /** Deadline for the response headers (the first byte of the answer), in milliseconds. */
  readonly firstByteTimeoutMs?: number;
  /**
   * The longest wait for the next data of the response body while a read is waiting (for
   * streams: for the next event, where keep-alive comments also count as data), in
   * milliseconds. A consumer that reads slowly never trips it.
   */
  readonly idleTimeoutMs?: number;
  /** Extra HTTP headers for this call (never logged). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Correlation id, forwarded to providers that accept one. */
  readonly requestId?: string;
}
