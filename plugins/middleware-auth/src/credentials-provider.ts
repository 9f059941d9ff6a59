/** Options of `CredentialsProvider.getCredentials`. */
export interface GetCredentialsOptions {
  /**
   * Abandons the wait. Aborting rejects with a `cancelled` `ConnectorError` (`timeout` when the
   * abort reason is a `TimeoutError`). A fetch shared with other callers keeps running for them.
   */
  readonly signal?: AbortSignal;
  /**
   * The credentials returned last were rejected (HTTP 401): fetch new ones instead of serving the
   * cached value. Providers that cannot refresh (a static key) return the same credentials.
   */
  readonly forceRefresh?: boolean;
}

/** HTTP headers that authenticate one provider call, and until when they are valid. */
export interface Credentials {
  /** Header names (lowercase) and their values, for example `{ authorization: 'Bearer …' }`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Epoch milliseconds after which the headers are no longer valid; absent when they do not expire. */
  readonly expiresAt?: number;
}

/**
 * Supplies credentials for one provider. The `auth` middleware asks for them before every
 * attempt, so implementations cache: a call for still-valid credentials must not do I/O.
 * Implementations never put a secret in an error message, a log line or `cause`.
 */
export interface CredentialsProvider {
  /**
   * Resolves with the headers to send.
   *
   * @throws ConnectorError `config` when the credentials are not configured (a missing
   *   environment variable), `authentication` when fetching a token failed, `network` or `timeout`
   *   when the token endpoint could not be reached, `cancelled` when `options.signal` aborted.
   */
  getCredentials(options?: GetCredentialsOptions): Promise<Credentials>;
}
