import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteLike } from './driver/pglite-like.js';
import { openGovernanceStore } from './open-governance-store.js';
import { describeGovernanceStore } from './test-support/describe-governance-store.js';

// PGlite is one process per data directory: every store of this file shares one instance
let directory: string;
let database: PGlite;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hub-store-pglite-'));
  database = await PGlite.create(join(directory, 'data'));
}, 240_000);

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

describe('an embedded store in its own data directory', () => {
  it('opens PGlite from dataDir, keeps its data on disk across a restart, and closes it', async () => {
    const dataDir = join(directory, 'owned');
    const store = await openGovernanceStore({ dataDir, sweepIntervalMs: 0 });
    expect(store.kind).toBe('pglite');
    const created = await store.createKey({ name: 'persisted', budget: 3 });
    const auth = await store.authenticate(created.key);
    if (auth.status !== 'ok') throw new Error('expected ok');
    store.record(auth, { cost: 1.25, status: 'success', model: 'mock/mock-1', operation: 'complete' });
    await store.close();

    const reopened = await openGovernanceStore({ dataDir, sweepIntervalMs: 0 });
    try {
      expect((await reopened.authenticate(created.key)).status).toBe('ok');
      expect(await reopened.getKeyUsage(created.id)).toMatchObject({ spent: 1.25, remaining: 1.75 });
    } finally {
      await reopened.close();
    }
  }, 240_000);
});
