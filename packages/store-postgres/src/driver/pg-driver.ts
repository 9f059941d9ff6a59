import { ConfigError } from '@hub/core';
import type { PgPoolClientLike, PgPoolLike } from './pg-pool-like.js';
import type { NotificationHandlers, SqlDriver, SqlSession } from './sql-driver.js';

/** How the store connects through node-postgres. */
export interface PgDriverOptions {
  /** `postgres://` URL; the driver then owns (and closes) its pool. */
  readonly url?: string;
  /** A pool you own; never closed by the driver. */
  readonly pool?: PgPoolLike;
  readonly poolSize: number;
  /** Server-side `statement_timeout` of an owned pool's connections, ms. */
  readonly statementTimeoutMs: number;
  /** Longest wait for a new connection of an owned pool, ms. */
  readonly connectTimeoutMs: number;
  /** Sees connection failures that belong to no query (idle clients, the listener). */
  readonly onError: (error: Error) => void;
}

const MAX_LISTEN_BACKOFF_MS = 5000;

/** Imports `pg` only when a PostgreSQL URL is used, so embedded users need not install it. */
async function loadPg(): Promise<typeof import('pg')> {
  try {
    const loaded = (await import('pg')) as typeof import('pg') & { default?: typeof import('pg') };
    // pg is CommonJS: its exports arrive as the default export under ESM
    return loaded.default ?? loaded;
  } catch (error) {
    throw new ConfigError(
      'The "url" option needs the "pg" package: install it next to @hub/store-postgres.',
      {
        path: 'url',
        cause: error,
      },
    );
  }
}

/** Opens a node-postgres driver: a pool for queries and one pooled connection kept for LISTEN. */
export async function openPgDriver(options: PgDriverOptions): Promise<SqlDriver> {
  let pool: PgPoolLike;
  let owned = false;
  if (options.pool !== undefined) {
    pool = options.pool;
  } else {
    const pg = await loadPg();
    const created = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs,
      statement_timeout: options.statementTimeoutMs,
      application_name: '@hub/store-postgres',
      keepAlive: true,
      // an idle pool must not keep a process alive that is otherwise done
      allowExitOnIdle: true,
    });
    // an idle client losing its connection emits 'error' on the pool: unhandled, it would crash the process
    created.on('error', (error) => options.onError(error));
    pool = created as unknown as PgPoolLike;
    owned = true;
  }

  const session = (client: PgPoolClientLike | PgPoolLike): SqlSession => ({
    query: async <Row>(text: string, params?: readonly unknown[]) =>
      (await client.query(text, params === undefined ? undefined : [...params])).rows as Row[],
    exec: async (text: string) => {
      await client.query(text);
    },
  });

  let closed = false;
  let listener: PgPoolClientLike | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let attempt = 0;

  const listen = async (channel: string, handlers: NotificationHandlers): Promise<void> => {
    const connectListener = async (): Promise<void> => {
      if (closed) return;
      let client: PgPoolClientLike | undefined;
      try {
        client = await pool.connect();
        const current = client;
        const lost = (error?: Error): void => {
          if (listener !== current) return;
          listener = undefined;
          current.removeAllListeners('notification');
          // destroy: a connection that failed must not go back to the pool
          current.release(error ?? true);
          handlers.onStatus(false);
          if (error !== undefined) options.onError(error);
          schedule();
        };
        client.on('notification', (message) => {
          if (message.channel === channel && message.payload !== undefined)
            handlers.onNotification(message.payload);
        });
        client.on('error', (error) => lost(error));
        client.on('end', () => lost());
        listener = client;
        await client.query(`LISTEN "${channel}"`);
        attempt = 0;
        handlers.onStatus(true);
      } catch (error) {
        if (client !== undefined && listener === client) {
          listener = undefined;
          client.removeAllListeners('notification');
          client.release(true);
        }
        options.onError(error instanceof Error ? error : new Error(String(error)));
        handlers.onStatus(false);
        schedule();
      }
    };
    const schedule = (): void => {
      if (closed || retryTimer !== undefined) return;
      const delay = Math.min(100 * 2 ** attempt, MAX_LISTEN_BACKOFF_MS);
      attempt++;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void connectListener();
      }, delay);
      retryTimer.unref();
    };
    await connectListener();
  };

  return {
    kind: 'postgres',
    ...session(pool),
    transaction: async <T>(work: (inner: SqlSession) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(session(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // a connection that cannot roll back is not returned to the pool
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken ?? false);
      }
    },
    listen,
    close: async () => {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const current = listener;
      listener = undefined;
      if (current !== undefined) {
        current.removeAllListeners('notification');
        // the session ends with the connection; UNLISTEN is not needed when it is destroyed
        current.release(true);
      }
      if (owned) await pool.end();
    },
  };
}
