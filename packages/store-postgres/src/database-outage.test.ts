import { startTcpProxy, type TcpProxy } from '@hub/testing';
import { connectTestDatabase, DATABASE_URL, dropSchema, uniqueSchema } from '@hub/testing/postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GovernanceStore } from './governance-store.js';
import type { GovernanceStoreOptions, StoreOperation } from './governance-store-options.js';
import type { AuthenticatedKey } from './model/authentication.js';
import type { CallRecord } from './model/call-record.js';
import type { StoreChange } from './model/store-change.js';
import { openGovernanceStore } from './open-governance-store.js';
import { rejection } from './test-support/test-clock.js';

// One store talks to the database through a proxy the test can cut; an admin store talks directly.
const schema = uniqueSchema('hub_test', 'outage');
const target = new URL(DATABASE_URL);
let inspector: pg.Client;
let admin: GovernanceStore;
const opened: GovernanceStore[] = [];
const proxies: TcpProxy[] = [];

const WAIT = { timeout: 30_000, interval: 25 };

beforeAll(async () => {
  inspector = await connectTestDatabase(5000);
  admin = await openGovernanceStore({ url: DATABASE_URL, schema, sweepIntervalMs: 0 });
});

afterAll(async () => {
  for (const proxy of proxies) proxy.restore();
  for (const store of opened) await store.close();
  for (const proxy of proxies) await proxy.close();
  await admin.close();
  await dropSchema(inspector, schema);
  await inspector.end();
});

/** A store behind its own proxy, with quick timeouts so an outage is noticed at once. */
async function storeBehindProxy(
  overrides: Partial<GovernanceStoreOptions> = {},
): Promise<{ store: GovernanceStore; proxy: TcpProxy; errors: StoreOperation[] }> {
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  proxies.push(proxy);
  const url = new URL(DATABASE_URL);
  url.host = `127.0.0.1:${proxy.port}`;
  const errors: StoreOperation[] = [];
  const store = await openGovernanceStore({
    url: url.toString(),
    schema,
    sweepIntervalMs: 0,
    flushIntervalMs: 20,
    queryTimeoutMs: 3000,
    onError: (_error, operation) => errors.push(operation),
    ...overrides,
  });
  opened.push(store);
  return { store, proxy, errors };
}

async function authenticated(store: GovernanceStore, key: string): Promise<AuthenticatedKey> {
  const result = await store.authenticate(key);
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`);
  return result;
}

const call = (cost: number): CallRecord => ({
  cost,
  status: 'success',
  model: 'mock/mock-1',
  operation: 'complete',
});

async function spentOf(keyId: string): Promise<{ spent: number; reserved: number; rows: number }> {
  const usage = await inspector.query(
    `SELECT spent::float8 AS spent, reserved::float8 AS reserved FROM "${schema}".hub_budget_usage
     WHERE scope = 'key' AND subject_id = $1`,
    [keyId],
  );
  const ledger = await inspector.query(
    `SELECT count(*)::int AS rows FROM "${schema}".hub_spend_ledger WHERE key_id = $1`,
    [keyId],
  );
  return {
    spent: usage.rows[0]?.spent ?? 0,
    reserved: usage.rows[0]?.reserved ?? 0,
    rows: ledger.rows[0].rows,
  };
}

describe('while the database is unreachable', () => {
  it('buffers ledger writes, refuses new reservations (fail closed), and writes everything once it is back', async () => {
    const { store, proxy, errors } = await storeBehindProxy();
    const created = await admin.createKey({ name: 'outage', budget: 10 });
    const auth = await authenticated(store, created.key);
    const held = await store.reserve(auth, { estimatedCost: 1 });
    if (!held.admitted) throw new Error('expected admission');

    proxy.interrupt();
    store.settle(held.reservation, call(0.5));
    for (let index = 0; index < 4; index++) store.record(auth, call(0.25));
    await vi.waitFor(() => expect(store.stats().flushFailures).toBeGreaterThan(0), WAIT);
    expect(store.stats().bufferedEntries).toBe(5);
    expect(errors).toContain('flush');
    expect(await rejection(store.reserve(auth, { estimatedCost: 1 }))).toMatchObject({
      code: 'overloaded',
      providerCode: 'governance_store_unavailable',
    });
    expect(store.stats().unavailableRefusals).toBe(1);
    // nothing reached the database
    expect(await spentOf(created.id)).toEqual({ spent: 0, reserved: 1, rows: 0 });

    proxy.restore();
    await vi.waitFor(() => expect(store.stats().bufferedEntries).toBe(0), WAIT);
    expect(await spentOf(created.id)).toEqual({ spent: 1.5, reserved: 0, rows: 5 });
    expect(store.stats().droppedEntries).toBe(0);
  }, 60_000);

  it('admits unchecked when failing open, and still records the spend once the database is back', async () => {
    const { store, proxy } = await storeBehindProxy({ failMode: 'open' });
    const created = await admin.createKey({ name: 'open', budget: 10 });
    const auth = await authenticated(store, created.key);
    proxy.interrupt();
    const result = await store.reserve(auth, { estimatedCost: 1 });
    expect(result).toMatchObject({ admitted: true, reservation: { enforced: false, degraded: true } });
    expect(store.stats().uncheckedAdmissions).toBe(1);
    if (result.admitted) store.settle(result.reservation, call(0.75));
    proxy.restore();
    await vi.waitFor(() => expect(store.stats().bufferedEntries).toBe(0), WAIT);
    expect(await spentOf(created.id)).toEqual({ spent: 0.75, reserved: 0, rows: 1 });
  }, 60_000);

  it('keeps at most maxBufferedEntries writes and counts the ones it drops', async () => {
    const { store, proxy, errors } = await storeBehindProxy({ maxBufferedEntries: 3 });
    const created = await admin.createKey({ name: 'bounded' });
    const auth = await authenticated(store, created.key);
    proxy.interrupt();
    const accepted = Array.from({ length: 5 }, () => store.record(auth, call(1)));
    expect(accepted).toEqual([true, true, true, false, false]);
    expect(store.stats()).toMatchObject({ bufferedEntries: 3, droppedEntries: 2 });
    expect(errors.filter((operation) => operation === 'flush').length).toBeGreaterThanOrEqual(2);
    proxy.restore();
    await vi.waitFor(() => expect(store.stats().bufferedEntries).toBe(0), WAIT);
    expect((await spentOf(created.id)).rows).toBe(3);
  }, 60_000);

  it('authenticates from a stale cache entry only when failing open, and never an unknown key', async () => {
    const closed = await storeBehindProxy({ keyCacheTtlMs: 0, unnotifiedCacheTtlMs: 0 });
    const open = await storeBehindProxy({ failMode: 'open', keyCacheTtlMs: 0, unnotifiedCacheTtlMs: 0 });
    const announced = [closed.store, open.store].map(
      (store) =>
        new Promise<void>((resolve) => {
          const stop = store.onChange((change) => {
            if (change.kind === 'key' && change.action === 'created') {
              stop();
              resolve();
            }
          });
        }),
    );
    const created = await admin.createKey({ name: 'cached' });
    // a lookup racing the creation's notification is (rightly) not cached: wait for it first
    await Promise.all(announced);
    await authenticated(closed.store, created.key);
    await authenticated(open.store, created.key);
    closed.proxy.interrupt();
    open.proxy.interrupt();
    expect(await rejection(closed.store.authenticate(created.key))).toMatchObject({ code: 'overloaded' });
    expect(await open.store.authenticate(created.key)).toMatchObject({ status: 'ok' });
    expect(open.store.stats().staleAuthentications).toBe(1);
    expect(await rejection(open.store.authenticate('sk-hub-never-seen'))).toMatchObject({
      code: 'overloaded',
    });
  }, 60_000);

  it('clears its cache and announces a resync once the notification connection is back', async () => {
    const { store, proxy } = await storeBehindProxy();
    const changes: StoreChange[] = [];
    store.onChange((change) => changes.push(change));
    const created = await admin.createKey({ name: 'resync' });
    await authenticated(store, created.key);
    expect(store.stats().listening).toBe(true);
    proxy.interrupt();
    await vi.waitFor(() => expect(store.stats().listening).toBe(false), WAIT);
    // a revocation made while this store cannot hear it
    await admin.revokeKey(created.id);
    proxy.restore();
    await vi.waitFor(() => expect(changes).toContainEqual({ kind: 'resync' }), WAIT);
    expect(store.stats().listening).toBe(true);
    expect(await store.authenticate(created.key)).toEqual({ status: 'revoked', keyId: created.id });
  }, 60_000);

  it('closes within its deadlines when a statement hangs on a connection that stopped answering', async () => {
    const { store, proxy, errors } = await storeBehindProxy({
      queryTimeoutMs: 500,
      closeTimeoutMs: 0,
      keyCacheTtlMs: 0,
      unnotifiedCacheTtlMs: 0,
    });
    const created = await admin.createKey({ name: 'partition' });
    await authenticated(store, created.key);
    proxy.freeze();
    // the lookup gives up after queryTimeoutMs; its connection stays checked out, waiting
    expect(await rejection(store.authenticate(created.key))).toMatchObject({ code: 'overloaded' });
    await store.close();
    expect(errors).toContain('close');
  }, 30_000);
});
