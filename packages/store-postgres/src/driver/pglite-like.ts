/** The part of a PGlite transaction the store uses. */
export interface PgliteTransactionLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<unknown>;
}

/**
 * The part of `@electric-sql/pglite`'s `PGlite` the store uses, so that passing your own instance
 * needs no PGlite types in this package's public API. A `PGlite` fits it.
 */
export interface PgliteLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<unknown>;
  transaction<T>(work: (transaction: PgliteTransactionLike) => Promise<T>): Promise<T>;
  listen(channel: string, callback: (payload: string) => void): Promise<unknown>;
  close(): Promise<void>;
}
