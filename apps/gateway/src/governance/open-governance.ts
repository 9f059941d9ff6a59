import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError, type ConfigIssue, type Hub } from '@hub/core';
import { type GovernanceStore, type GovernanceStoreOptions, openGovernanceStore } from '@hub/store-postgres';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { VirtualKey } from '../security/virtual-keys.js';
import type { Governance } from './governance.js';
import { createGovernanceCounters } from './governance-counters.js';
import { createPriceBook } from './price-book.js';

/** What `openGovernance` needs besides the config. */
export interface OpenGovernanceOptions {
  readonly hub: Hub;
  readonly logger: Logger;
  /** The config-file keys, checked against the database (a key may live in one place only). */
  readonly keys: readonly VirtualKey[];
  /** Store options over those the config gives (tests: a clock, short intervals). */
  readonly storeOptions?: Partial<GovernanceStoreOptions>;
}

/**
 * Opens governance when the config has a `database` section (undefined otherwise): the store on
 * `database.url` (or `DATABASE_URL`) or on embedded PGlite at `database.embedded`, with migrations
 * applied, and the price book. Then checks that no config-file key and not the admin key is also
 * a database key, so a presented key always means one thing.
 *
 * @throws ConfigError naming the field whose key is also a database key; the store's errors when
 *   the database cannot be opened (never with the URL's password).
 */
export async function openGovernance(
  config: GatewayConfig,
  env: Readonly<Record<string, string | undefined>>,
  options: OpenGovernanceOptions,
): Promise<Governance | undefined> {
  const database = config.database;
  if (database === undefined) return undefined;
  const { logger } = options;
  const location: Pick<GovernanceStoreOptions, 'url' | 'dataDir'> =
    database.embedded !== undefined
      ? { dataDir: database.embedded }
      : { url: database.url ?? (env.DATABASE_URL as string) };
  const store = await openGovernanceStore({
    ...location,
    failMode: database.failMode,
    ...(database.schema !== undefined && { schema: database.schema }),
    ...(database.poolSize !== undefined && { poolSize: database.poolSize }),
    // the store promises no secret in its errors; its messages are safe to log
    onError: (error, operation) =>
      logger.warn({ operation, error: error.message }, `governance store: ${operation} failed`),
    ...options.storeOptions,
  });
  const counters = createGovernanceCounters();
  try {
    const adminKey = config.admin === undefined ? undefined : env[config.admin.keyEnv];
    await assertKeysDistinct(store, config, env, options.keys, adminKey);
    return {
      store,
      prices: createPriceBook(options.hub, {
        onError: (error) => {
          counters.priceLookupFailures++;
          logger.warn({ error: error.message }, 'governance: a provider catalog could not be read');
        },
      }),
      counters,
      adminKeyDigest: adminKey === undefined ? undefined : createHash('sha256').update(adminKey).digest(),
      now: options.storeOptions?.now ?? Date.now,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Refuses start-up when a config-file key or the admin key is also a database key. */
async function assertKeysDistinct(
  store: GovernanceStore,
  config: GatewayConfig,
  env: Readonly<Record<string, string | undefined>>,
  keys: readonly VirtualKey[],
  adminKey: string | undefined,
): Promise<void> {
  const issues: ConfigIssue[] = [];
  for (const [index, key] of config.virtualKeys.entries()) {
    // a `keyHash` key's secret is unknown here; the store has no lookup by hash (see the README)
    const secret = key.keyEnv === undefined ? undefined : env[key.keyEnv];
    if (secret !== undefined && (await store.authenticate(secret)).status !== 'unknown') {
      issues.push({
        path: `virtualKeys.${index}.keyEnv`,
        message: 'this key is also a database key: a key lives in the config file or the database, not both',
      });
    }
  }
  if (adminKey !== undefined) {
    const digest = createHash('sha256').update(adminKey).digest();
    if (keys.some((key) => timingSafeEqual(key.hash, digest))) {
      issues.push({ path: 'admin.keyEnv', message: 'the admin key must not also be a virtual key' });
    } else if ((await store.authenticate(adminKey)).status !== 'unknown') {
      issues.push({ path: 'admin.keyEnv', message: 'the admin key must not also be a database key' });
    }
  }
  if (issues.length > 0) throw ConfigError.fromIssues('gateway configuration', issues);
}
