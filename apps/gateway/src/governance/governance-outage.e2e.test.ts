import { startTcpProxy, type TcpProxy } from '@hub/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, chat } from '../test-support/admin-client.js';
import { eventually } from '../test-support/eventually.js';
import {
  ADMIN_KEY,
  createTestDatabase,
  type GovernedGateway,
  startGovernedGateway,
  type TestDatabase,
} from '../test-support/governed-gateway.js';
import { DATABASE_URL, withDatabase } from '../test-support/test-database.js';

// a reconnecting pool and a ledger flush take a few back-offs: up to 300 looks 100 ms apart
const OUTAGE_LOOKS = { attempts: 300, intervalMs: 100 };
const body = { model: 'default', max_tokens: 20, messages: [{ role: 'user', content: 'hello' }] };

const metric = async (url: string, name: string): Promise<number> => {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.slice(name.length + 1));
};

describe('while the database is unreachable', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let governed: GovernedGateway | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'outage');
    const target = new URL(DATABASE_URL);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  afterEach(async () => {
    proxy.restore();
    // bounded by the gateway: a pool connection cut mid-handshake can keep the store's pool open
    await governed?.gateway.close();
    governed = undefined;
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await database?.dispose();
  });

  const start = async (failMode: 'open' | 'closed', storeOptions = {}) => {
    const url = new URL(DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    governed = await startGovernedGateway({
      database: { ...database, section: { ...database.section, url: url.toString(), failMode } },
      storeOptions: { queryTimeoutMs: 2_000, closeTimeoutMs: 2_000, ...storeOptions },
    });
    const admin = adminClient(governed.url, ADMIN_KEY);
    const key = (await admin('POST', '/keys', { name: `outage-${failMode}`, budgetUsd: 1 })).body as {
      id: string;
      key: string;
    };
    expect((await chat(governed.url, key.key, body)).status).toBe(200);
    return { gateway: governed, admin, key };
  };

  it('fails closed by default: calls and admin requests are 503 with retry-after, then served again', async () => {
    const { gateway, admin, key } = await start('closed');
    proxy.interrupt();
    const refused = await chat(gateway.url, key.key, body);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'overloaded' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await admin('GET', '/teams')).status).toBe(503);
    expect(await metric(gateway.url, 'hub_governance_unavailable_refusals_total')).toBeGreaterThan(0);

    proxy.restore();
    expect(
      await eventually(async () => (await chat(gateway.url, key.key, body)).status === 200, OUTAGE_LOOKS),
    ).toBe(true);
  }, 60_000);

  it('with failMode open admits calls unchecked, buffers their ledger rows, and writes them once it is back', async () => {
    const { gateway, admin, key } = await start('open', { flushIntervalMs: 50 });
    await gateway.store.flush();
    proxy.interrupt();
    for (let call = 0; call < 3; call++) expect((await chat(gateway.url, key.key, body)).status).toBe(200);
    expect(await metric(gateway.url, 'hub_governance_unchecked_admissions_total')).toBe(3);
    expect(await metric(gateway.url, 'hub_governance_ledger_buffered_entries')).toBeGreaterThanOrEqual(3);

    proxy.restore();
    expect(
      await eventually(
        async () => (await admin('GET', `/keys/${key.id}/usage`)).body.requests === 4,
        OUTAGE_LOOKS,
      ),
    ).toBe(true);
    expect(await metric(gateway.url, 'hub_governance_ledger_dropped_entries_total')).toBe(0);
  }, 60_000);

  it('writes buffered ledger rows on graceful shutdown', async () => {
    const { gateway, key } = await start('closed', { flushIntervalMs: 600_000 });
    for (let call = 0; call < 4; call++) expect((await chat(gateway.url, key.key, body)).status).toBe(200);
    expect(await metric(gateway.url, 'hub_governance_ledger_buffered_entries')).toBeGreaterThanOrEqual(4);
    await gateway.gateway.close();
    governed = undefined;
    const rows = await withDatabase(
      async (client) =>
        (
          await client.query(
            `SELECT count(*)::int AS count FROM "${database.section.schema}".hub_spend_ledger WHERE key_id = $1`,
            [key.id],
          )
        ).rows[0].count,
    );
    expect(rows).toBe(5);
  }, 60_000);
});
