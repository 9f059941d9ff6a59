/** An OAuth 2.0 access token and when it stops being valid. */
export interface AccessToken {
  /** The bearer token, sent as `Authorization: Bearer <token>`. Never logged. */
  readonly token: string;
  /** When the token expires: epoch milliseconds or a `Date`. */
  readonly expiresAt: number | Date;
}

/**
 * Fetches a fresh access token for Vertex AI (scope `https://www.googleapis.com/auth/cloud-platform`).
 * Called only when no cached token has at least 60 seconds left, and never twice at once: calls
 * that need a token while one is being fetched wait for that fetch. `signal` aborts when every
 * caller waiting for this fetch gave up, or after 30 seconds; honour it. A rejection becomes an
 * `authentication` `ConnectorError` (a `ConnectorError` is passed through as it is).
 */
export type TokenProvider = (signal: AbortSignal) => Promise<AccessToken>;
