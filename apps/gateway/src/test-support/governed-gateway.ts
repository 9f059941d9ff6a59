import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { GovernanceStore, GovernanceStoreOptions } from '@hub/store-postgres';
import pino from 'pino';
import { validateGatewayConfig } from '../config/load-gateway-config.js';
import { type RunningGateway, startGateway } from '../start-gateway.js';
import { DATABASE_URL, dropSchema, uniqueSchema } from './test-database.js';

/** The two databases governance runs on. */
export type Backend = 'postgres' | 'pglite';
export const BACKENDS: readonly Backend[] = ['postgres', 'pglite'];

/** The admin key of test gateways (long enough for the config's minimum). */
export const ADMIN_KEY = 'hub-admin-test-key-0123456789abcdef';
/** A config-file virtual key every test gateway also has. */
export const CONFIG_KEY = 'gw-config-file-key-0123456789';

/** One database for one test file: a fresh schema on the server, or a fresh PGlite directory. */
export interface TestDatabase {
  readonly backend: Backend;
  /** The config's `database` section. */
  readonly section: Record<string, unknown>;
  /** Drops the schema or deletes the directory. */
  dispose(): Promise<void>;
}

/** Creates the database of one test file. */
export async function createTestDatabase(backend: Backend, label: string): Promise<TestDatabase> {
  if (backend === 'postgres') {
    const schema = uniqueSchema(label);
    return { backend, section: { url: DATABASE_URL, schema }, dispose: () => dropSchema(schema) };
  }
  const directory = await mkdtemp(join(tmpdir(), `hub-gw-${label}-`));
  return {
    backend,
    section: { embedded: join(directory, 'data') },
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}

/** Options of `startGovernedGateway`. */
export interface GovernedGatewayOptions {
  readonly database: TestDatabase;
  /** Config fields over the defaults (mock provider, route `default`, no cache, a config key). */
  readonly config?: Record<string, unknown>;
  readonly storeOptions?: Partial<GovernanceStoreOptions>;
  /**
   * Clock of the in-memory per-minute limits; default frozen, so that a window never refills
   * during a test however slow the machine is. (The store keeps its own clock.)
   */
  readonly limitsNow?: () => number;
}

/** A running test gateway with governance, and every log line it wrote. */
export interface GovernedGateway {
  readonly gateway: RunningGateway;
  readonly url: string;
  readonly store: GovernanceStore;
  /** Every log line so far (JSON text), to check that no secret is ever logged. */
  readonly logs: string[];
}

/** Starts a gateway on the mock provider with `database` and `admin` configured. */
export async function startGovernedGateway(options: GovernedGatewayOptions): Promise<GovernedGateway> {
  const env = { HUB_ADMIN_KEY: ADMIN_KEY, CONFIG_KEY };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      cache: false,
      logging: { level: 'info' },
      virtualKeys: [{ name: 'config-file', keyEnv: 'CONFIG_KEY' }],
      database: options.database.section,
      admin: { keyEnv: 'HUB_ADMIN_KEY' },
      ...options.config,
    },
    env,
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const gateway = await startGateway({
    config,
    env,
    logger: pino({ level: 'debug' }, sink),
    now: options.limitsNow ?? (() => 1_000_000),
    storeOptions: { sweepIntervalMs: 0, ...options.storeOptions },
  });
  const store = gateway.context.governance?.store;
  if (store === undefined) throw new Error('the test gateway has no governance');
  return { gateway, url: gateway.url, store, logs };
}
