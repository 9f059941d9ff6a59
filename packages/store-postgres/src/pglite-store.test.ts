import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import type { PgliteLike } from './driver/pglite-like.js';
import { openGovernanceStore } from './open-governance-store.js';
import { describeGovernanceStore } from './test-support/describe-governance-store.js';

// PGlite is one process per data directory: every store of this file shares one instance
let directory: string;
let database: PGlite;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hub-store-pglite-'));
  database = await PGlite.create(join(directory, 'data'));
}, 120_000);

afterAll(async () => {
  await database.close();
  await rm(directory, { recursive: true, force: true });
});

describeGovernanceStore('PGlite (data directory)', () => ({
  schema: 'hub',
  open: (overrides = {}) =>
    openGovernanceStore({
      pglite: database as unknown as PgliteLike,
      schema: 'hub',
      sweepIntervalMs: 0,
      flushIntervalMs: 20,
      ...overrides,
    }),
  query: async <Row>(text: string, params: unknown[] = []) =>
    (await database.query(text, params)).rows as Row[],
}));
