/** One connection's worth of SQL: parameterized queries and parameterless scripts. */
export interface SqlSession {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  exec(text: string): Promise<void>;
}

/** Receives notifications of one channel and the health of the connection receiving them. */
export interface NotificationHandlers {
  readonly onNotification: (payload: string) => void;
  /** False while notifications may be missed (connection lost); true again once re-established. */
  readonly onStatus: (listening: boolean) => void;
}

/**
 * The little the store needs from a database: node-postgres with a pool, or PGlite. Internal;
 * callers pass connection options to `openGovernanceStore`.
 */
export interface SqlDriver extends SqlSession {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Listens to `channel` until `close`, re-connecting after failures. */
  listen(channel: string, handlers: NotificationHandlers): Promise<void>;
  /** Stops listening and closes what the driver opened (never a pool or database the caller passed). */
  close(): Promise<void>;
}
