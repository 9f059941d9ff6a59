import { randomBytes } from 'node:crypto';
import { ConnectorError } from '@hub/core';
import { describe, expect, it, vi } from 'vitest';
import type { GovernanceStore } from '../governance-store.js';
import type { GovernanceStoreOptions } from '../governance-store-options.js';
import type { AuthenticatedKey } from '../model/authentication.js';
import type { CallRecord } from '../model/call-record.js';
import type { Reservation } from '../model/reservation.js';
import type { StoreChange } from '../model/store-change.js';
import { rejection, TestClock, thrown } from './test-clock.js';

/** How the shared suite reaches one kind of database. */
export interface StoreHarness {
  /** Opens a store on the file's schema (or `schema`), with test defaults under `overrides`. */
  open(overrides?: Partial<GovernanceStoreOptions>): Promise<GovernanceStore>;
  /** Runs SQL directly against the database, for assertions the API does not expose. */
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
  /** The schema the file's stores use (quoted in SQL by the caller). */
  readonly schema: string;
}

/** A unique name, so tests sharing a schema never collide. */
function unique(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

function call(cost: number, extra: Partial<CallRecord> = {}): CallRecord {
  return {
    cost,
    status: 'success',
    model: 'mock/mock-1',
    operation: 'complete',
    route: '/v1/chat/completions',
    provider: 'mock',
    inputTokens: 10,
    outputTokens: 5,
    ...extra,
  };
}

async function authenticated(store: GovernanceStore, key: string): Promise<AuthenticatedKey> {
  const result = await store.authenticate(key);
  if (result.status !== 'ok') throw new Error(`expected the key to authenticate, got ${result.status}`);
  return result;
}

async function admit(
  store: GovernanceStore,
  auth: AuthenticatedKey,
  estimatedCost: number,
): Promise<Reservation> {
  const result = await store.reserve(auth, { estimatedCost, model: 'mock/mock-1' });
  if (!result.admitted) throw new Error(`expected admission, got ${result.reason}`);
  return result.reservation;
}

/**
 * The behaviour every database must show, run by the PostgreSQL and the PGlite test files. Each
 * test makes its own keys and teams (unique names), so tests share the file's schema safely.
 */
export function describeGovernanceStore(label: string, harness: () => StoreHarness): void {
  describe(`governance store on ${label}`, () => {
    const withStore = async (
      overrides: Partial<GovernanceStoreOptions>,
      work: (store: GovernanceStore) => Promise<void>,
    ): Promise<void> => {
      const store = await harness().open(overrides);
      try {
        await work(store);
      } finally {
        await store.close();
      }
    };

    it('creates, lists, gets, updates and deletes teams', async () => {
      await withStore({}, async (store) => {
        const name = unique('team');
        const team = await store.createTeam({
          name,
          budget: 12.5,
          budgetPeriod: 'weekly',
          allowedModels: ['openai/*'],
        });
        expect(team).toMatchObject({
          name,
          budget: 12.5,
          budgetPeriod: 'weekly',
          allowedModels: ['openai/*'],
          rpm: null,
        });
        expect(await store.getTeam(team.id)).toEqual(team);
        const updated = await store.updateTeam(team.id, {
          budget: null,
          rpm: 60,
          metadata: { owner: 'ops' },
        });
        expect(updated).toMatchObject({
          budget: null,
          rpm: 60,
          metadata: { owner: 'ops' },
          budgetPeriod: 'weekly',
        });
        const seen: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store.listTeams({ limit: 2, ...(after !== undefined && { after }) });
          seen.push(...page.items.map((item) => item.id));
          if (page.nextCursor === undefined) break;
          after = page.nextCursor;
        }
        expect(seen).toContain(team.id);
        await store.deleteTeam(team.id);
        expect(await store.getTeam(team.id)).toBeUndefined();
        expect((await rejection(store.deleteTeam(team.id))).code).toBe('not_found');
      });
    });

    it('refuses bad admin input with a typed error naming the field, before any write', async () => {
      await withStore({}, async (store) => {
        const cases: [() => Promise<unknown>, string][] = [
          [() => store.createTeam({ name: '' }), 'name'],
          [() => store.createTeam({ name: 'x', budget: -1 }), 'budget'],
          [() => store.createTeam({ name: 'x', budgetPeriod: 'yearly' as never }), 'budgetPeriod'],
          [() => store.createTeam({ name: 'x', allowedModels: ['ok', 7 as never] }), 'allowedModels[1]'],
          [() => store.createTeam({ name: 'x', rpm: 1.5 }), 'rpm'],
          [() => store.createTeam({ name: 'x', budgt: 3 } as never), 'budgt'],
          [() => store.createKey({ name: 'k', teamId: 'not-a-uuid' }), 'teamId'],
          [() => store.createKey({ name: 'k', expiresAt: 'tomorrow' }), 'expiresAt'],
          [() => store.createKey({ name: 'k', metadata: { big: 'x'.repeat(20_000) } }), 'metadata'],
          [() => store.updateKey('nope', { name: 'k' }), 'id'],
          [() => store.spendReport({ groupBy: 'week' as never }), 'groupBy'],
          [() => store.spendReport({ groupBy: 'day', from: '2030-01-02', to: '2030-01-01' }), 'from'],
          [() => store.rotateKey('0190a000-0000-7000-8000-000000000000', { graceMs: -1 }), 'graceMs'],
        ];
        for (const [attempt, field] of cases) {
          let error: unknown;
          try {
            await attempt();
          } catch (caught) {
            error = caught;
          }
          expect(ConnectorError.isInstance(error), `${field} should be a ConnectorError`).toBe(true);
          expect(error).toMatchObject({ code: 'invalid_request', field });
        }
        const name = unique('dup');
        const team = await store.createTeam({ name });
        expect(await rejection(store.createTeam({ name }))).toMatchObject({
          code: 'invalid_request',
          field: 'name',
          providerCode: 'conflict',
        });
        expect(
          await rejection(store.createKey({ name: 'k', teamId: '0190a000-0000-7000-8000-000000000000' })),
        ).toMatchObject({ code: 'not_found', field: 'teamId' });
        await store.createKey({ name: 'member', teamId: team.id });
        expect(await rejection(store.deleteTeam(team.id))).toMatchObject({
          field: 'id',
          providerCode: 'conflict',
        });
      });
    });

    it('returns the plaintext key once and stores only its SHA-256 and a display prefix', async () => {
      await withStore({}, async (store) => {
        const created = await store.createKey({ name: unique('key'), budget: 5 });
        expect(created.key).toMatch(/^sk-hub-[A-Za-z0-9_-]{43}$/);
        expect(created.prefix).toBe(created.key.slice(0, 13));
        const listed = await store.getKey(created.id);
        expect(listed).toBeDefined();
        expect(listed).not.toHaveProperty('key');
        const { schema, query } = harness();
        const rows = await query<Record<string, unknown>>(
          `SELECT k.*, s.hash, s.prefix AS secret_prefix FROM "${schema}".hub_keys k
           JOIN "${schema}".hub_key_secrets s ON s.key_id = k.id WHERE k.id = $1`,
          [created.id],
        );
        expect(rows).toHaveLength(1);
        expect(JSON.stringify(rows[0])).not.toContain(created.key);
        expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
      });
    });

    it('authenticates a key as ok, and unknown, revoked or expired keys as distinct outcomes', async () => {
      const clock = new TestClock();
      await withStore({ now: clock.now }, async (store) => {
        const team = await store.createTeam({ name: unique('auth-team'), allowedModels: ['openai/*'] });
        const live = await store.createKey({
          name: 'live',
          teamId: team.id,
          allowedModels: ['openai/gpt-4o*'],
        });
        const ok = await store.authenticate(live.key);
        expect(ok).toMatchObject({ status: 'ok', key: { id: live.id }, team: { id: team.id } });
        expect(await store.authenticate(`${live.key}x`)).toEqual({ status: 'unknown' });
        expect(await store.authenticate('')).toEqual({ status: 'unknown' });

        const expiring = await store.createKey({
          name: 'expiring',
          expiresAt: new Date(clock.time + 60_000),
        });
        expect((await store.authenticate(expiring.key)).status).toBe('ok');
        clock.advance(60_000);
        // expiry is evaluated on every call, so a cached lookup cannot outlive it
        expect(await store.authenticate(expiring.key)).toEqual({ status: 'expired', keyId: expiring.id });

        await store.revokeKey(live.id);
        expect(await store.authenticate(live.key)).toEqual({ status: 'revoked', keyId: live.id });
        expect((await store.getKey(live.id))?.revoked).toBe(true);
      });
    });

    it('rotates a key: the new secret works, the old one is revoked after its grace, usage stays with the key', async () => {
      const clock = new TestClock();
      await withStore({ now: clock.now }, async (store) => {
        const original = await store.createKey({ name: unique('rotating'), budget: 10 });
        const auth = await authenticated(store, original.key);
        store.settle(await admit(store, auth, 1), call(1));
        await store.flush();
        const rotated = await store.rotateKey(original.id, { graceMs: 30_000 });
        expect(rotated.id).toBe(original.id);
        expect(rotated.key).not.toBe(original.key);
        expect(rotated.prefix).toBe(rotated.key.slice(0, 13));
        expect((await store.authenticate(rotated.key)).status).toBe('ok');
        expect((await store.authenticate(original.key)).status).toBe('ok');
        clock.advance(30_000);
        expect(await store.authenticate(original.key)).toEqual({ status: 'revoked', keyId: original.id });
        expect((await store.getKeyUsage(original.id)).spent).toBe(1);
        await store.revokeKey(original.id);
        expect(await rejection(store.rotateKey(original.id))).toMatchObject({ providerCode: 'conflict' });
      });
    });

    it('admits while the key budget has room, refuses after, and charges the actual cost on settle', async () => {
      await withStore({}, async (store) => {
        const created = await store.createKey({ name: unique('budget'), budget: 1 });
        const auth = await authenticated(store, created.key);
        const held = [
          await admit(store, auth, 0.3),
          await admit(store, auth, 0.3),
          await admit(store, auth, 0.3),
        ];
        const refused = await store.reserve(auth, { estimatedCost: 0.3 });
        expect(refused).toMatchObject({ admitted: false, reason: 'key_budget', budget: 1 });
        expect(refused.admitted === false && refused.committed).toBeCloseTo(0.9, 10);
        expect(held.every((reservation) => reservation.enforced)).toBe(true);
        store.settle(held[0] as Reservation, call(0.1));
        store.settle(held[1] as Reservation, call(0.1, { status: 'error' }));
        await store.flush();
        const usage = await store.getKeyUsage(created.id);
        expect(usage.spent).toBeCloseTo(0.2, 10);
        expect(usage.reserved).toBeCloseTo(0.3, 10);
        expect(usage.remaining).toBeCloseTo(0.5, 10);
        expect(usage).toMatchObject({ requests: 2, inputTokens: 20, outputTokens: 10, budget: 1 });
        // the refunds made room again
        await admit(store, auth, 0.5);
      });
    });

    it('lets spend pass the budget only by what was in flight when it was reached', async () => {
      await withStore({}, async (store) => {
        const created = await store.createKey({ name: unique('overrun'), budget: 1 });
        const auth = await authenticated(store, created.key);
        const first = await admit(store, auth, 0.5);
        const second = await admit(store, auth, 0.5);
        expect((await store.reserve(auth, { estimatedCost: 0.01 })).admitted).toBe(false);
        store.settle(first, call(0.9));
        store.settle(second, call(0.9));
        await store.flush();
        expect((await store.getKeyUsage(created.id)).spent).toBeCloseTo(1.8, 10);
        // spent is past the budget: nothing more is admitted, not even a call estimated at 0
        expect(await store.reserve(auth, { estimatedCost: 0 })).toMatchObject({
          admitted: false,
          reason: 'key_budget',
        });
      });
    });

    it('checks the team budget shared by the keys of a team as well as each key budget', async () => {
      await withStore({}, async (store) => {
        const team = await store.createTeam({ name: unique('shared'), budget: 1 });
        const first = await store.createKey({ name: 'a', teamId: team.id, budget: 10 });
        const second = await store.createKey({ name: 'b', teamId: team.id });
        const firstAuth = await authenticated(store, first.key);
        const secondAuth = await authenticated(store, second.key);
        const held = await admit(store, firstAuth, 0.6);
        expect(held.teamId).toBe(team.id);
        expect(await store.reserve(secondAuth, { estimatedCost: 0.6 })).toMatchObject({
          admitted: false,
          reason: 'team_budget',
          budget: 1,
        });
        store.release(held);
        await store.flush();
        await admit(store, secondAuth, 0.6);
        expect((await store.getTeamUsage(team.id)).reserved).toBeCloseTo(0.6, 10);
        expect((await store.getKeyUsage(first.id)).reserved).toBe(0);
      });
    });

    it('decides a batch in order: a call that does not fit is refused, a later smaller one admitted', async () => {
      await withStore({}, async (store) => {
        const team = await store.createTeam({ name: unique('batch'), budget: 2 });
        const first = await store.createKey({ name: 'a', teamId: team.id, budget: 1 });
        const second = await store.createKey({ name: 'b', teamId: team.id, budget: 5 });
        const firstAuth = await authenticated(store, first.key);
        const secondAuth = await authenticated(store, second.key);
        const before = store.stats().reserveStatements;
        // issued in one tick, so they share one statement
        const results = await Promise.all([
          store.reserve(firstAuth, { estimatedCost: 0.6 }),
          store.reserve(firstAuth, { estimatedCost: 0.6 }),
          store.reserve(firstAuth, { estimatedCost: 0.3 }),
          // the team has 2 - 0.9 = 1.1 left: 1.2 does not fit, 0.2 does
          store.reserve(secondAuth, { estimatedCost: 1.2 }),
          store.reserve(secondAuth, { estimatedCost: 0.2 }),
        ]);
        expect(store.stats().reserveStatements - before).toBe(1);
        expect(results.map((result) => (result.admitted ? 'admitted' : result.reason))).toEqual([
          'admitted',
          'key_budget',
          'admitted',
          'team_budget',
          'admitted',
        ]);
        expect((await store.getTeamUsage(team.id)).reserved).toBeCloseTo(1.1, 10);
        expect((await store.getKeyUsage(first.id)).reserved).toBeCloseTo(0.9, 10);
      });
    });

    it('refuses a reservation for a key revoked after it was authenticated', async () => {
      await withStore({}, async (store) => {
        const created = await store.createKey({ name: unique('late-revoke'), budget: 5 });
        const auth = await authenticated(store, created.key);
        await store.revokeKey(created.id);
        expect(await store.reserve(auth, { estimatedCost: 0.1 })).toEqual({
          admitted: false,
          reason: 'key_revoked',
        });
      });
    });

    it('sees a budget change at once, whatever this replica cached', async () => {
      await withStore({}, async (store) => {
        const created = await store.createKey({ name: unique('lowered'), budget: 10 });
        const auth = await authenticated(store, created.key);
        await admit(store, auth, 1);
        await store.updateKey(created.id, { budget: 1 });
        // `auth` still says 10: the reservation reads the budget from the table
        expect(await store.reserve(auth, { estimatedCost: 0.5 })).toMatchObject({
          admitted: false,
          budget: 1,
        });
      });
    });

    it('starts a new period at rollover; a call admitted before it settles into its own period', async () => {
      const clock = new TestClock(Date.UTC(2030, 0, 31, 23, 59, 0));
      await withStore({ now: clock.now }, async (store) => {
        const created = await store.createKey({ name: unique('daily'), budget: 1, budgetPeriod: 'daily' });
        const auth = await authenticated(store, created.key);
        const before = await admit(store, auth, 1);
        const refused = await store.reserve(auth, { estimatedCost: 0.1 });
        expect(refused).toMatchObject({ admitted: false, periodEnd: new Date(Date.UTC(2030, 1, 1)) });
        clock.advance(2 * 60_000);
        const after = await admit(store, auth, 1);
        expect(after.keyPeriodStart).toBe(Date.UTC(2030, 1, 1));
        store.settle(before, call(0.25));
        store.settle(after, call(0.75));
        await store.flush();
        const usage = await store.getKeyUsage(created.id);
        expect(usage.periodStart).toEqual(new Date(Date.UTC(2030, 1, 1)));
        expect(usage).toMatchObject({ spent: 0.75, reserved: 0, requests: 1 });
        const { schema, query } = harness();
        const periods = await query<{ period_start: Date; spent: number; reserved: number }>(
          `SELECT period_start, spent::float8 AS spent, reserved::float8 AS reserved FROM "${schema}".hub_budget_usage
           WHERE scope = 'key' AND subject_id = $1 ORDER BY period_start`,
          [created.id],
        );
        expect(periods.map((row) => [new Date(row.period_start).getTime(), row.spent, row.reserved])).toEqual(
          [
            [Date.UTC(2030, 0, 31), 0.25, 0],
            [Date.UTC(2030, 1, 1), 0.75, 0],
          ],
        );
      });
    });

    it('admits keys without budgets without a reservation and still records their spend', async () => {
      await withStore({}, async (store) => {
        const created = await store.createKey({ name: unique('free') });
        const auth = await authenticated(store, created.key);
        const result = await store.reserve(auth, { estimatedCost: 100 });
        expect(result).toMatchObject({ admitted: true, reservation: { enforced: false, degraded: false } });
        if (!result.admitted) return;
        expect(store.settle(result.reservation, call(2.5))).toBe(true);
        expect(store.record(auth, call(0.5))).toBe(true);
        await store.flush();
        expect(await store.getKeyUsage(created.id)).toMatchObject({
          spent: 3,
          requests: 2,
          budget: null,
          remaining: null,
        });
        expect(store.stats().reserveStatements).toBe(0);
      });
    });

    it('counts a settle once however often it is written', async () => {
      await withStore({}, async (store) => {
        const created = await store.createKey({ name: unique('twice'), budget: 5 });
        const auth = await authenticated(store, created.key);
        const reservation = await admit(store, auth, 1);
        store.settle(reservation, call(0.4));
        await store.flush();
        store.settle(reservation, call(0.4));
        await store.flush();
        expect(await store.getKeyUsage(created.id)).toMatchObject({ spent: 0.4, reserved: 0, requests: 1 });
        const { schema, query } = harness();
        const rows = await query(`SELECT id FROM "${schema}".hub_spend_ledger WHERE key_id = $1`, [
          created.id,
        ]);
        expect(rows).toHaveLength(1);
      });
    });

    it('refuses bad call records naming the field, synchronously', async () => {
      await withStore({}, async (store) => {
        const created = await store.createKey({ name: unique('records') });
        const auth = await authenticated(store, created.key);
        const cases: [Partial<CallRecord>, string][] = [
          [{ cost: -1 }, 'cost'],
          [{ cost: Number.NaN }, 'cost'],
          [{ status: 'ok' as never }, 'status'],
          [{ model: '' }, 'model'],
          [{ inputTokens: 1.5 }, 'inputTokens'],
          [{ requestId: 'r'.repeat(300) }, 'requestId'],
          [{ occurredAt: new Date('nope') }, 'occurredAt'],
        ];
        for (const [override, field] of cases) {
          expect(thrown(() => store.record(auth, call(1, override)))).toMatchObject({
            code: 'invalid_request',
            field,
          });
        }
        expect(thrown(() => store.settle({} as Reservation, call(1)))).toMatchObject({
          field: 'reservation',
        });
        expect(await rejection(store.reserve(auth, { estimatedCost: -1 }))).toMatchObject({
          field: 'estimatedCost',
        });
        expect(store.stats().bufferedEntries).toBe(0);
      });
    });

    it('groups spend by day, model, key and team, from rollups for whole days and the ledger for partial ones', async () => {
      await withStore({}, async (store) => {
        const team = await store.createTeam({ name: unique('report') });
        const first = await store.createKey({ name: 'first', teamId: team.id });
        const second = await store.createKey({ name: 'second', teamId: team.id });
        const firstAuth = await authenticated(store, first.key);
        const secondAuth = await authenticated(store, second.key);
        const at = (day: number, hour: number): Date => new Date(Date.UTC(2031, 2, day, hour));
        // day 1 06:00 and 18:00, day 2 (whole), day 3 06:00 and 18:00
        store.record(firstAuth, call(1, { occurredAt: at(1, 6), model: 'a' }));
        store.record(firstAuth, call(2, { occurredAt: at(1, 18), model: 'b' }));
        store.record(secondAuth, call(4, { occurredAt: at(2, 12), model: 'a', status: 'error' }));
        store.record(firstAuth, call(8, { occurredAt: at(3, 6), model: 'a' }));
        store.record(secondAuth, call(16, { occurredAt: at(3, 18), model: 'b' }));
        await store.flush();
        const range = { teamId: team.id, from: at(1, 12), to: at(3, 12) };
        const byDay = await store.spendReport({ ...range, groupBy: 'day' });
        expect(byDay.map((row) => [row.group, row.cost, row.requests, row.errors])).toEqual([
          ['2031-03-01', 2, 1, 0],
          ['2031-03-02', 4, 1, 1],
          ['2031-03-03', 8, 1, 0],
        ]);
        const byKey = await store.spendReport({ ...range, groupBy: 'key' });
        expect(byKey.map((row) => [row.group, row.name, row.cost])).toEqual([
          [first.id, 'first', 10],
          [second.id, 'second', 4],
        ]);
        const byModel = await store.spendReport({
          teamId: team.id,
          groupBy: 'model',
          from: at(1, 0),
          to: at(4, 0),
        });
        expect(byModel.map((row) => [row.group, row.cost, row.totalTokens])).toEqual([
          ['b', 18, 30],
          ['a', 13, 45],
        ]);
        const byTeam = await store.spendReport({
          keyId: second.id,
          groupBy: 'team',
          from: at(1, 0),
          to: at(4, 0),
        });
        expect(byTeam).toEqual([
          expect.objectContaining({ group: team.id, name: team.name, cost: 20, requests: 2, errors: 1 }),
        ]);
        const oneModel = await store.spendReport({
          teamId: team.id,
          model: 'a',
          groupBy: 'day',
          from: at(2, 0),
          to: at(4, 0),
        });
        expect(oneModel.map((row) => [row.group, row.cost])).toEqual([
          ['2031-03-02', 4],
          ['2031-03-03', 8],
        ]);
      });
    });

    it('rejects an aborted reservation with cancelled and holds nothing for it', async () => {
      await withStore({}, async (store) => {
        const created = await store.createKey({ name: unique('abort'), budget: 1 });
        const auth = await authenticated(store, created.key);
        const controller = new AbortController();
        controller.abort();
        expect(
          await rejection(store.reserve(auth, { estimatedCost: 0.5, signal: controller.signal })),
        ).toMatchObject({
          code: 'cancelled',
        });
        const racing = new AbortController();
        const pending = store.reserve(auth, { estimatedCost: 0.5, signal: racing.signal });
        racing.abort();
        expect(await rejection(pending)).toMatchObject({ code: 'cancelled' });
        await vi.waitFor(
          async () => {
            await store.flush();
            expect((await store.getKeyUsage(created.id)).reserved).toBe(0);
          },
          { timeout: 10_000, interval: 50 },
        );
      });
    });

    it('charges reservations never settled at their estimate once they expire, and ignores a late settle', async () => {
      const clock = new TestClock();
      await withStore({ now: clock.now, reservationTtlMs: 1000 }, async (store) => {
        const team = await store.createTeam({ name: unique('sweep'), budget: 10 });
        const created = await store.createKey({ name: 'crashed', teamId: team.id, budget: 5 });
        const auth = await authenticated(store, created.key);
        const abandoned = await admit(store, auth, 0.7);
        clock.advance(1000);
        expect(await store.sweepExpiredReservations()).toBeGreaterThanOrEqual(1);
        expect(await store.getKeyUsage(created.id)).toMatchObject({ spent: 0.7, reserved: 0, requests: 1 });
        expect(await store.getTeamUsage(team.id)).toMatchObject({ spent: 0.7, reserved: 0 });
        store.settle(abandoned, call(0.2));
        await store.flush();
        expect((await store.getKeyUsage(created.id)).spent).toBe(0.7);
        const { schema, query } = harness();
        const rows = await query<{ status: string; model: string }>(
          `SELECT status, model FROM "${schema}".hub_spend_ledger WHERE id = $1`,
          [abandoned.id],
        );
        expect(rows).toEqual([{ status: 'expired', model: 'mock/mock-1' }]);
        expect(store.stats().expiredReservations).toBeGreaterThanOrEqual(1);
      });
    });

    it('flushes buffered ledger rows on close', async () => {
      const created = await (async () => {
        const store = await harness().open({});
        try {
          return await store.createKey({ name: unique('closing') });
        } finally {
          await store.close();
        }
      })();
      const store = await harness().open({ flushIntervalMs: 600_000 });
      const auth = await authenticated(store, created.key);
      for (let index = 0; index < 3; index++) store.record(auth, call(1));
      expect(store.stats().bufferedEntries).toBe(3);
      await store.close();
      // nothing would write it any more: refused and counted, not kept silently
      expect(store.record(auth, call(1))).toBe(false);
      expect(store.stats().droppedEntries).toBe(1);
      await withStore({}, async (reopened) => {
        expect((await reopened.getKeyUsage(created.id)).spent).toBe(3);
      });
    });

    it('tells another store of key and team changes, which then drops its cached lookup', async () => {
      await withStore({}, async (first) => {
        await withStore({}, async (second) => {
          const created = await first.createKey({ name: unique('watched') });
          expect((await second.authenticate(created.key)).status).toBe('ok');
          const changes: StoreChange[] = [];
          second.onChange((change) => changes.push(change));
          await first.revokeKey(created.id);
          await vi.waitFor(
            () => expect(changes).toContainEqual({ kind: 'key', id: created.id, action: 'revoked' }),
            {
              timeout: 10_000,
              interval: 20,
            },
          );
          expect(await second.authenticate(created.key)).toEqual({ status: 'revoked', keyId: created.id });
        });
      });
    });

    it('applies migrations from several stores opened at once, each exactly once', async () => {
      const schema = `${harness().schema}_m${randomBytes(3).toString('hex')}`;
      const stores = await Promise.all(Array.from({ length: 4 }, () => harness().open({ schema })));
      try {
        const rows = await harness().query<{ id: number }>(
          `SELECT id FROM "${schema}".hub_migrations ORDER BY id`,
        );
        expect(rows.map((row) => row.id)).toEqual([1]);
        const team = await stores[3]?.createTeam({ name: 'after-migration' });
        expect(await stores[0]?.getTeam(team?.id as string)).toMatchObject({ name: 'after-migration' });
      } finally {
        for (const store of stores) await store.close();
        await harness().query(`DROP SCHEMA "${schema}" CASCADE`);
      }
    });
  });
}
