/** A request about to be sent, as authentication sees it. */
export interface AuthRequest {
  readonly method: string;
  /** The full path as sent (endpoint base path included), percent-encoded, without query. */
  readonly path: string;
  /** Query parameters, decoded. */
  readonly query: Readonly<Record<string, string>>;
  /** Headers with lowercase names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body text that will be sent. */
  readonly body?: string;
}

/** How requests are authenticated: SigV4 signing or a Bedrock API key. */
export interface BedrockAuth {
  /**
   * The request's headers plus the authentication headers (for SigV4 also `host`, `x-amz-date`,
   * `x-amz-content-sha256` and `x-amz-security-token`), to be sent exactly as returned.
   *
   * @throws ConnectorError `authentication` when no credentials can be obtained; `cancelled` or
   *   `timeout` when the signal aborts while credentials are fetched.
   */
  authorize(request: AuthRequest, signal: AbortSignal | undefined): Promise<Record<string, string>>;
  /** Credential values seen so far (bounded), to mask out of error messages. */
  secrets(): readonly string[];
  /** Whether fresh credentials can be fetched, so an expired-token error is worth retrying. */
  readonly canRefresh: boolean;
  /** Forgets cached credentials after AWS rejected them as expired. */
  invalidate(): void;
}
