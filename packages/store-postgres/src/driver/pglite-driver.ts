import { ConfigError } from '@hub/core';
import type { PgliteLike } from './pglite-like.js';
import type { SqlDriver, SqlSession } from './sql-driver.js';

/** How the store opens PGlite. */
export interface PgliteDriverOptions {
  /** A data directory (created if missing), or `memory://` for a database that lives in memory. */
  readonly dataDir?: string;
  /** An instance you own; never closed by the driver. */
  readonly pglite?: PgliteLike;
}

/** Imports PGlite only when an embedded database is used, so server users need not install it. */
async function loadPglite(): Promise<typeof import('@electric-sql/pglite')> {
  try {
    return await import('@electric-sql/pglite');
  } catch (error) {
    throw new ConfigError(
      'The "dataDir" option needs the "@electric-sql/pglite" package: install it next to @hub/store-postgres.',
      { path: 'dataDir', cause: error },
    );
  }
}

/**
 * Opens a PGlite driver. PGlite is one connection inside this process: it runs one statement at a
 * time, and its notifications never cross processes (one process per data directory).
 */
export async function openPgliteDriver(options: PgliteDriverOptions): Promise<SqlDriver> {
  let database: PgliteLike;
  let owned = false;
  if (options.pglite !== undefined) {
    database = options.pglite;
  } else {
    const { PGlite } = await loadPglite();
    database = (await PGlite.create(options.dataDir as string)) as unknown as PgliteLike;
    owned = true;
  }
  const session = (target: Pick<PgliteLike, 'query' | 'exec'>): SqlSession => ({
    query: async <Row>(text: string, params?: readonly unknown[]) =>
      (await target.query(text, params === undefined ? undefined : [...params])).rows as Row[],
    exec: async (text: string) => {
      await target.exec(text);
    },
  });
  const unlisteners: (() => Promise<void>)[] = [];
  return {
    kind: 'pglite',
    ...session(database),
    transaction: (work) => database.transaction((transaction) => work(session(transaction))),
    listen: async (channel, handlers) => {
      const unlisten = await database.listen(channel, handlers.onNotification);
      if (typeof unlisten === 'function') unlisteners.push(unlisten as () => Promise<void>);
      handlers.onStatus(true);
    },
    close: async () => {
      for (const unlisten of unlisteners.splice(0)) await unlisten();
      if (owned) await database.close();
    },
  };
}
