import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, chat, type JsonAnswer } from '../test-support/admin-client.js';
import { eventually } from '../test-support/eventually.js';
import {
  ADMIN_KEY,
  createTestDatabase,
  type GovernedGateway,
  startGovernedGateway,
  type TestDatabase,
} from '../test-support/governed-gateway.js';
import { withDatabase } from '../test-support/test-database.js';
import { requireTestRedis, TEST_REDIS_URL } from '../test-support/test-redis.js';

const REDIS_URL = TEST_REDIS_URL;

// 400 characters: the mock bills 100 input and 102 output tokens at $0.0005 / $0.0015 per 1,000;
// `max_tokens: 1` makes the estimate (104 input + 1 output tokens) far below that real cost, so
// every call in flight when the budget is reached can pass it: the worst case for the guarantee
const CALL_COST = (100 * 0.0005 + 102 * 0.0015) / 1000;
const ESTIMATE = (104 * 0.0005 + 1 * 0.0015) / 1000;
const body = { model: 'default', max_tokens: 1, messages: [{ role: 'user', content: 'x'.repeat(400) }] };
const BUDGET = 0.004;
const WORKERS_PER_INSTANCE = 8;
const CONCURRENCY = 2 * WORKERS_PER_INSTANCE;
// more than the budget can pay for (about 20 calls), so every worker is refused in the end
const MAX_CALLS_PER_WORKER = 60;

describe('two gateway instances on one PostgreSQL database and one Redis', () => {
  let database: TestDatabase;
  let first: GovernedGateway;
  let second: GovernedGateway;
  let admin: ReturnType<typeof adminClient>;
  let teamId: string;

  beforeAll(async () => {
    // without Redis, say so here rather than through the replicas' fail-open limits
    await requireTestRedis();
    database = await createTestDatabase('postgres', 'replicas');
    const options = { database, config: { redis: { url: REDIS_URL } } };
    [first, second] = await Promise.all([startGovernedGateway(options), startGovernedGateway(options)]);
    admin = adminClient(first.url, ADMIN_KEY);
    const team = await admin('POST', '/teams', { name: 'shared', budgetUsd: 100, budgetPeriod: 'monthly' });
    teamId = team.body.id;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([first?.gateway.close(), second?.gateway.close()]);
    await database?.dispose();
  });

  it('stops a key at its budget across both: spend ≤ budget + calls in flight, 429s, ledger rows', async () => {
    const key = (
      await admin('POST', '/keys', { name: 'busy', teamId, budgetUsd: BUDGET, budgetPeriod: 'daily' })
    ).body as { id: string; key: string };
    const statuses = { first: [] as number[], second: [] as number[] };
    let refusal: JsonAnswer | undefined;
    const worker = async (instance: 'first' | 'second') => {
      const url = instance === 'first' ? first.url : second.url;
      for (let call = 0; call < MAX_CALLS_PER_WORKER; call++) {
        const answer = await chat(url, key.key, body);
        statuses[instance].push(answer.status);
        if (answer.status !== 200) {
          refusal ??= answer;
          return;
        }
      }
    };
    await Promise.all(
      Array.from({ length: WORKERS_PER_INSTANCE }, () => [worker('first'), worker('second')]).flat(),
    );

    // every worker was refused, each instance admitted calls and refused some
    const all = [...statuses.first, ...statuses.second];
    expect(new Set(all)).toEqual(new Set([200, 429]));
    expect(all.filter((status) => status === 429)).toHaveLength(CONCURRENCY);
    expect(statuses.first).toContain(200);
    expect(statuses.second).toContain(200);
    expect(refusal?.body.error).toMatchObject({ code: 'insufficient_quota', type: 'insufficient_quota' });
    expect(refusal?.body.error.message).toMatch(/^The key's budget/);
    const admitted = all.filter((status) => status === 200).length;

    await Promise.all([first.store.flush(), second.store.flush()]);
    const usage = (await adminClient(second.url, ADMIN_KEY)('GET', `/keys/${key.id}/usage`)).body;
    expect(usage.requests).toBe(admitted);
    expect(usage.reservedUsd).toBe(0);
    expect(usage.spentUsd).toBeCloseTo(admitted * CALL_COST, 10);
    // the guarantee: once the budget is reached nothing more is admitted, so spend passes it only
    // by what the calls already in flight then (at most one per worker) cost beyond their estimates
    // and refusals came only once the budget was used up to less than one estimate
    expect(usage.spentUsd).toBeGreaterThan(BUDGET - ESTIMATE);
    expect(usage.spentUsd).toBeLessThanOrEqual(BUDGET + CONCURRENCY * CALL_COST);
    expect(admitted).toBeLessThanOrEqual(Math.ceil(BUDGET / CALL_COST) + CONCURRENCY);

    // the ledger: one row per admitted call, from both instances, summing to the spend
    const ledger = await withDatabase(async (client) => {
      const result = await client.query(
        `SELECT count(*)::int AS rows, sum(cost)::float8 AS cost, count(DISTINCT request_id)::int AS requests,
                min(status) AS status, min(route) AS route, min(model) AS model
           FROM "${database.section.schema}".hub_spend_ledger WHERE key_id = $1`,
        [key.id],
      );
      return result.rows[0];
    });
    expect(ledger).toMatchObject({
      rows: admitted,
      requests: admitted,
      status: 'success',
      route: '/v1/chat/completions',
      model: 'default',
    });
    expect(ledger.cost).toBeCloseTo(usage.spentUsd, 10);
    const report = await admin('GET', `/spend?groupBy=key&teamId=${teamId}`);
    expect(report.body.data).toContainEqual(expect.objectContaining({ group: key.id, requests: admitted }));

    // a budget raised on one instance admits the key again on the other at once
    await admin('PATCH', `/keys/${key.id}`, { budgetUsd: 1 });
    expect((await chat(second.url, key.key, body)).status).toBe(200);
  }, 120_000);

  it('revokes a key on both instances: at once where revoked, within the notification delay on the other', async () => {
    const key = (await admin('POST', '/keys', { name: 'to-revoke', teamId })).body as {
      id: string;
      key: string;
    };
    expect((await chat(first.url, key.key, body)).status).toBe(200);
    expect((await chat(second.url, key.key, body)).status).toBe(200);
    const revoked = await adminClient(second.url, ADMIN_KEY)('DELETE', `/keys/${key.id}`);
    expect(revoked.body.revoked).toBe(true);
    expect((await chat(second.url, key.key, body)).status).toBe(401);
    const refusedOnFirst = await eventually(
      async () => (await chat(first.url, key.key, body)).status === 401,
    );
    expect(refusedOnFirst).toBe(true);
  }, 60_000);

  it('shares a key’s requests per minute through Redis', async () => {
    const key = (await admin('POST', '/keys', { name: 'one-a-minute', teamId, requestsPerMinute: 1 }))
      .body as {
      key: string;
    };
    expect((await chat(first.url, key.key, body)).status).toBe(200);
    const limited = await chat(second.url, key.key, body);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limit' });
  });
});
