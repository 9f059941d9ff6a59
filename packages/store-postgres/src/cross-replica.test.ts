import { connectTestDatabase, DATABASE_URL, dropSchema, uniqueSchema } from '@hub/testing/postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GovernanceStore } from './governance-store.js';
import type { AuthenticatedKey } from './model/authentication.js';
import type { StoreChange } from './model/store-change.js';
import { openGovernanceStore } from './open-governance-store.js';

// Two stores with their own pools stand for two gateway replicas on one database.
const schema = uniqueSchema('hub_test', 'replicas');
let inspector: pg.Client;
let first: GovernanceStore;
let second: GovernanceStore;

const open = (): Promise<GovernanceStore> =>
  openGovernanceStore({ url: DATABASE_URL, schema, poolSize: 4, flushIntervalMs: 10, sweepIntervalMs: 0 });

beforeAll(async () => {
  inspector = await connectTestDatabase(5000);
  [first, second] = await Promise.all([open(), open()]);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await dropSchema(inspector, schema);
  await inspector.end();
});

async function authenticated(store: GovernanceStore, key: string): Promise<AuthenticatedKey> {
  const result = await store.authenticate(key);
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`);
  return result;
}

interface Run {
  admitted: number;
  admittedEstimates: number;
  charged: number;
  refusedAfterSpent: number;
}

/**
 * `workers` concurrent callers per store, each reserving `estimate` and settling `actual` (after
 * yielding, so calls overlap) until its first refusal.
 */
async function spendUntilRefused(
  stores: readonly GovernanceStore[],
  key: string,
  workers: number,
  estimate: number,
  actual: number,
): Promise<Run> {
  const run: Run = { admitted: 0, admittedEstimates: 0, charged: 0, refusedAfterSpent: 0 };
  await Promise.all(
    stores.flatMap((store) =>
      Array.from({ length: workers }, async () => {
        const auth = await authenticated(store, key);
        for (;;) {
          const result = await store.reserve(auth, { estimatedCost: estimate });
          if (!result.admitted) return;
          run.admitted++;
          run.admittedEstimates += estimate;
          await new Promise((resolve) => setImmediate(resolve));
          store.settle(result.reservation, {
            cost: actual,
            status: 'success',
            model: 'mock/mock-1',
            operation: 'complete',
          });
          run.charged += actual;
        }
      }),
    ),
  );
  await Promise.all(stores.map((store) => store.flush()));
  return run;
}

async function usageRow(keyId: string): Promise<{ spent: string; reserved: string; requests: string }> {
  const { rows } = await inspector.query(
    `SELECT spent::text AS spent, reserved::text AS reserved, requests::text AS requests
     FROM "${schema}".hub_budget_usage WHERE scope = 'key' AND subject_id = $1`,
    [keyId],
  );
  return rows[0];
}

describe('two replicas on one database', () => {
  it('admit exactly the budget between them when calls cost their estimate', async () => {
    const created = await first.createKey({ name: 'exact', budget: 1 });
    const run = await spendUntilRefused([first, second], created.key, 32, 0.01, 0.01);
    expect(run.admitted).toBe(100);
    // numeric arithmetic in the database: exact, no float drift
    expect(await usageRow(created.id)).toEqual({ spent: '1.00', reserved: '0.00', requests: '100' });
    expect(first.stats().reserveStatements + second.stats().reserveStatements).toBeLessThan(
      run.admitted + 64,
    );
  });

  it('overspend only by the in-flight calls that cost more than their estimate', async () => {
    const created = await first.createKey({ name: 'overrun', budget: 1 });
    const run = await spendUntilRefused([first, second], created.key, 32, 0.01, 0.015);
    // what was admitted never exceeded the budget; what was spent is exactly what was charged
    expect(run.admittedEstimates).toBeLessThanOrEqual(1 + 1e-9);
    const usage = await usageRow(created.id);
    expect(Number(usage.spent)).toBeCloseTo(run.charged, 9);
    expect(Number(usage.spent)).toBeLessThanOrEqual(1 + run.admitted * (0.015 - 0.01) + 1e-9);
    expect(Number(usage.reserved)).toBe(0);
    // spent is past the budget now: no replica admits anything more
    for (const store of [first, second]) {
      const auth = await authenticated(store, created.key);
      expect((await store.reserve(auth, { estimatedCost: 0 })).admitted).toBe(false);
    }
  });

  it('share one team budget across keys used on different replicas', async () => {
    const team = await second.createTeam({ name: 'team-across', budget: 0.5 });
    const a = await first.createKey({ name: 'a', teamId: team.id });
    const b = await second.createKey({ name: 'b', teamId: team.id });
    const [runA, runB] = await Promise.all([
      spendUntilRefused([first], a.key, 16, 0.01, 0.01),
      spendUntilRefused([second], b.key, 16, 0.01, 0.01),
    ]);
    expect(runA.admitted + runB.admitted).toBe(50);
    expect((await first.getTeamUsage(team.id)).spent).toBeCloseTo(0.5, 10);
  });

  it('see a revocation made on the other replica, announced by an event', async () => {
    const created = await first.createKey({ name: 'revoked-elsewhere' });
    expect((await second.authenticate(created.key)).status).toBe('ok');
    const seen = vi.fn<(change: StoreChange) => void>();
    const stop = second.onChange(seen);
    await first.revokeKey(created.id);
    await vi.waitFor(
      () => expect(seen).toHaveBeenCalledWith({ kind: 'key', id: created.id, action: 'revoked' }),
      {
        timeout: 10_000,
        interval: 10,
      },
    );
    stop();
    expect(await second.authenticate(created.key)).toEqual({ status: 'revoked', keyId: created.id });
    // the store that made the change never hears its own echo as a change
    expect(first.stats().listening && second.stats().listening).toBe(true);
  });

  it('see a team change made on the other replica in keys they had cached', async () => {
    const team = await first.createTeam({ name: 'models-change', allowedModels: ['openai/*'] });
    const created = await first.createKey({ name: 'member', teamId: team.id });
    expect((await authenticated(second, created.key)).team?.allowedModels).toEqual(['openai/*']);
    const changed = new Promise<void>((resolve) => {
      const stop = second.onChange((change) => {
        if (change.kind === 'team' && change.id === team.id) {
          stop();
          resolve();
        }
      });
    });
    await first.updateTeam(team.id, { allowedModels: ['anthropic/*'] });
    await changed;
    expect((await authenticated(second, created.key)).team?.allowedModels).toEqual(['anthropic/*']);
  });

  it('give back what an aborted reservation held when the abort came while its statement was in flight', async () => {
    const created = await first.createKey({ name: 'aborted-in-flight', budget: 1 });
    const auth = await authenticated(first, created.key);
    const warm = await first.reserve(auth, { estimatedCost: 0.1 });
    if (!warm.admitted) throw new Error('expected admission');
    first.release(warm.reservation);
    await first.flush();
    // another session holds the key's usage row: the next reservation waits inside the database
    const blocker = await connectTestDatabase(5000);
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        `SELECT 1 FROM "${schema}".hub_budget_usage WHERE scope = 'key' AND subject_id = $1 FOR UPDATE`,
        [created.id],
      );
      const controller = new AbortController();
      const pending = first.reserve(auth, { estimatedCost: 0.5, signal: controller.signal });
      await vi.waitFor(
        async () => {
          const { rows } = await inspector.query(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%hub_reserve%'`,
          );
          expect(rows[0].waiting).toBeGreaterThan(0);
        },
        { timeout: 10_000, interval: 20 },
      );
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      await blocker.query('COMMIT');
    } finally {
      await blocker.end();
    }
    // the statement committed after the abort; its reservation is released by the next flush
    await vi.waitFor(
      async () => {
        await first.flush();
        expect(await usageRow(created.id)).toMatchObject({ reserved: '0.0' });
      },
      { timeout: 10_000, interval: 20 },
    );
  });

  it('apply migrations once when eight replicas start together', async () => {
    const fresh = uniqueSchema('hub_test', 'migrate');
    try {
      const stores = await Promise.all(
        Array.from({ length: 8 }, () =>
          openGovernanceStore({ url: DATABASE_URL, schema: fresh, poolSize: 1, sweepIntervalMs: 0 }),
        ),
      );
      for (const store of stores) await store.close();
      const { rows } = await inspector.query(`SELECT id FROM "${fresh}".hub_migrations`);
      expect(rows).toEqual([{ id: 1 }]);
    } finally {
      await dropSchema(inspector, fresh);
    }
  });
});
