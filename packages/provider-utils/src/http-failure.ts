/**
 * A non-2xx response, as handed to an error mapper: everything needed to build the right
 * `ConnectorError` without touching the network again.
 */
export interface HttpFailure {
  /** HTTP status code. */
  readonly status: number;
  /** Response headers with lowercase names; repeated headers are joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The response body as text, read up to a bound (64 KiB by default) so a misbehaving upstream
   * cannot make the client buffer an unbounded error page.
   */
  readonly bodyText: string;
  /** The body parsed as JSON; absent when it is not JSON or was cut off by the bound. */
  readonly bodyJson?: unknown;
}
