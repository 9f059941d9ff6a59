import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, chat, type JsonAnswer, requestJson } from '../test-support/admin-client.js';
import {
  ADMIN_KEY,
  BACKENDS,
  CONFIG_KEY,
  createTestDatabase,
  type GovernedGateway,
  startGovernedGateway,
  type TestDatabase,
} from '../test-support/governed-gateway.js';

const UNKNOWN_ID = '01890000-0000-7000-8000-000000000000';

describe.each(BACKENDS)('the admin API on %s', (backend) => {
  let database: TestDatabase;
  let governed: GovernedGateway;
  let admin: ReturnType<typeof adminClient>;

  beforeAll(async () => {
    database = await createTestDatabase(backend, 'admin');
    governed = await startGovernedGateway({ database });
    admin = adminClient(governed.url, ADMIN_KEY);
  }, 240_000);
  afterAll(async () => {
    await governed?.gateway.close();
    await database?.dispose();
  });

  const expectError = (answer: JsonAnswer, status: number, code: string, param: string | null = null) => {
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: { code, param } });
    expect(typeof answer.body.error.message).toBe('string');
  };

  it('accepts only the admin key: no key, a wrong one, a config-file key and a database key are 401', async () => {
    expectError(await requestJson(governed.url, 'GET', '/admin/teams', undefined), 401, 'authentication');
    expectError(
      await requestJson(governed.url, 'GET', '/admin/teams', `${ADMIN_KEY}x`),
      401,
      'authentication',
    );
    expectError(await requestJson(governed.url, 'GET', '/admin/teams', CONFIG_KEY), 401, 'authentication');
    const created = await admin('POST', '/keys', { name: 'not-an-admin' });
    expectError(
      await requestJson(governed.url, 'GET', '/admin/keys', created.body.key),
      401,
      'authentication',
    );
    expect((await admin('GET', '/teams')).status).toBe(200);
  });

  it('creates, lists, reads, changes and deletes teams, with every body field', async () => {
    const created = await admin('POST', '/teams', {
      name: 'research',
      models: ['mock/*'],
      budgetUsd: 25,
      budgetPeriod: 'weekly',
      requestsPerMinute: 600,
      tokensPerMinute: 100_000,
      metadata: { owner: 'lab' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: 'team',
      name: 'research',
      models: ['mock/*'],
      budgetUsd: 25,
      budgetPeriod: 'weekly',
      requestsPerMinute: 600,
      tokensPerMinute: 100_000,
      metadata: { owner: 'lab' },
    });
    const id: string = created.body.id;
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();

    expect((await admin('GET', `/teams/${id}`)).body).toEqual(created.body);
    const listed = await admin('GET', '/teams?limit=1000');
    expect(listed.body.object).toBe('list');
    expect(listed.body.data.map((team: { id: string }) => team.id)).toContain(id);

    const patched = await admin('PATCH', `/teams/${id}`, { budgetUsd: null, models: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, budgetUsd: null, models: null, requestsPerMinute: 600 });

    const deleted = await admin('DELETE', `/teams/${id}`);
    expect(deleted).toMatchObject({ status: 200, body: { id, object: 'team', deleted: true } });
    expectError(await admin('GET', `/teams/${id}`), 404, 'not_found', 'id');
  });

  it('pages teams with limit and after', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await admin('POST', '/teams', { name });
    const first = await admin('GET', '/teams?limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe('string');
    const next = await admin('GET', `/teams?limit=1000&after=${encodeURIComponent(first.body.nextCursor)}`);
    const seen = [...first.body.data, ...next.body.data].map((team: { name: string }) => team.name);
    expect(seen).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c']));
    expect(next.body.nextCursor).toBeNull();
  });

  it('names the field of bad input, in the API naming, before touching the database', async () => {
    expectError(
      await admin('POST', '/teams', { name: 'x', budgetUsd: -1 }),
      400,
      'invalid_request',
      'budgetUsd',
    );
    expect((await admin('POST', '/teams', { name: 'x', budgetUsd: -1 })).body.error.message).toMatch(
      /^Invalid budgetUsd:/,
    );
    expectError(
      await admin('POST', '/teams', { name: 'x', models: ['a', 7] }),
      400,
      'invalid_request',
      'models[1]',
    );
    expectError(
      await admin('POST', '/teams', { name: 'x', requestsPerMinute: 1.5 }),
      400,
      'invalid_request',
      'requestsPerMinute',
    );
    expectError(
      await admin('POST', '/teams', { name: 'x', tokensPerMinute: 0 }),
      400,
      'invalid_request',
      'tokensPerMinute',
    );
    expectError(
      await admin('POST', '/teams', { name: 'x', budgetPeriod: 'yearly' }),
      400,
      'invalid_request',
      'budgetPeriod',
    );
    expectError(await admin('POST', '/teams', { budgetUsd: 1 }), 400, 'invalid_request', 'name');
    expectError(await admin('POST', '/teams', { name: 'x', budget: 1 }), 400, 'invalid_request', 'budget');
    expectError(
      await admin('POST', '/teams', { name: 'x', teamId: UNKNOWN_ID }),
      400,
      'invalid_request',
      'teamId',
    );
    expectError(await admin('POST', '/teams', [1, 2]), 400, 'invalid_request');
    expectError(
      await admin('POST', '/keys', { name: 'k', expiresAt: 'soon' }),
      400,
      'invalid_request',
      'expiresAt',
    );
    expectError(
      await admin('POST', '/keys', { name: 'k', metadata: 'text' }),
      400,
      'invalid_request',
      'metadata',
    );
    expectError(await admin('GET', '/teams?limit=0'), 400, 'invalid_request', 'limit');
    expectError(await admin('GET', '/teams?color=red'), 400, 'invalid_request', 'color');
    expectError(await admin('GET', '/keys?includeRevoked=maybe'), 400, 'invalid_request', 'includeRevoked');
    expectError(await admin('GET', '/teams/not-a-uuid'), 400, 'invalid_request', 'id');
  });

  it('answers conflicts with 409: a taken team name, a team that still has keys, rotating a revoked key', async () => {
    const team = await admin('POST', '/teams', { name: 'taken' });
    expectError(await admin('POST', '/teams', { name: 'taken' }), 409, 'conflict', 'name');
    const key = await admin('POST', '/keys', { name: 'member', teamId: team.body.id });
    expectError(await admin('DELETE', `/teams/${team.body.id}`), 409, 'conflict', 'id');
    await admin('DELETE', `/keys/${key.body.id}`);
    expectError(await admin('POST', `/keys/${key.body.id}/rotate`), 409, 'conflict', 'id');
    expectError(await admin('DELETE', `/teams/${team.body.id}`), 409, 'conflict', 'id');
    expect((await admin('PATCH', `/keys/${key.body.id}`, { teamId: null })).body).toMatchObject({
      teamId: null,
    });
    expect((await admin('DELETE', `/teams/${team.body.id}`)).status).toBe(200);
    expectError(
      await admin('POST', '/keys', { name: 'orphan', teamId: UNKNOWN_ID }),
      404,
      'not_found',
      'teamId',
    );
    expectError(await admin('GET', `/keys/${UNKNOWN_ID}`), 404, 'not_found', 'id');
    expectError(await admin('PATCH', `/keys/${UNKNOWN_ID}`, { name: 'x' }), 404, 'not_found', 'id');
  });

  it('shows a key once at creation, then only its prefix; the key works at once', async () => {
    const team = await admin('POST', '/teams', { name: 'keys-team' });
    const created = await admin('POST', '/keys', {
      name: 'notebook',
      teamId: team.body.id,
      models: ['default'],
      budgetUsd: 5,
      budgetPeriod: 'daily',
      requestsPerMinute: 100,
      tokensPerMinute: 50_000,
      expiresAt: '2099-01-01T00:00:00.000Z',
      metadata: { purpose: 'tests' },
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).slice(0, 3)).toEqual(['id', 'key', 'name']);
    const secret: string = created.body.key;
    expect(secret).toMatch(/^sk-hub-/);
    expect(created.body).toMatchObject({
      object: 'key',
      name: 'notebook',
      teamId: team.body.id,
      prefix: secret.slice(0, 13),
      models: ['default'],
      budgetUsd: 5,
      budgetPeriod: 'daily',
      requestsPerMinute: 100,
      tokensPerMinute: 50_000,
      expiresAt: '2099-01-01T00:00:00.000Z',
      revoked: false,
      revokedAt: null,
      metadata: { purpose: 'tests' },
    });

    const read = await admin('GET', `/keys/${created.body.id}`);
    const listed = await admin('GET', `/keys?teamId=${team.body.id}`);
    for (const shown of [read.body, ...listed.body.data]) {
      expect(shown.key).toBeUndefined();
      expect(JSON.stringify(shown)).not.toContain(secret);
    }
    expect(listed.body.data).toHaveLength(1);

    const answer = await chat(governed.url, secret, {
      model: 'default',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.status).toBe(200);
  });

  it('rotates a key (new secret, old one refused) and revokes one with DELETE', async () => {
    const created = await admin('POST', '/keys', { name: 'rotating' });
    const body = { model: 'default', messages: [{ role: 'user', content: 'hi' }] };
    const rotated = await admin('POST', `/keys/${created.body.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id: created.body.id, name: 'rotating' });
    expect(rotated.body.key).not.toBe(created.body.key);
    expect((await chat(governed.url, created.body.key, body)).status).toBe(401);
    expect((await chat(governed.url, rotated.body.key, body)).status).toBe(200);
    expectError(
      await admin('POST', `/keys/${created.body.id}/rotate`, { grace: 1 }),
      400,
      'invalid_request',
      'grace',
    );

    const revoked = await admin('DELETE', `/keys/${created.body.id}`);
    expect(revoked.body).toMatchObject({ id: created.body.id, revoked: true });
    expect(Date.parse(revoked.body.revokedAt)).not.toBeNaN();
    expect((await chat(governed.url, rotated.body.key, body)).status).toBe(401);
    const active = await admin('GET', '/keys?includeRevoked=false&limit=1000');
    expect(active.body.data.map((key: { id: string }) => key.id)).not.toContain(created.body.id);
  });

  it('reports a key’s usage in its period and spend grouped by day, model, key and team', async () => {
    const team = await admin('POST', '/teams', { name: 'spenders', budgetUsd: 10, budgetPeriod: 'monthly' });
    const created = await admin('POST', '/keys', { name: 'spender', teamId: team.body.id, budgetUsd: 1 });
    for (let call = 0; call < 3; call++) {
      const answer = await chat(governed.url, created.body.key, {
        model: 'mock/mock-1',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'x'.repeat(400) }],
      });
      expect(answer.status).toBe(200);
    }
    await governed.store.flush();

    const usage = await admin('GET', `/keys/${created.body.id}/usage`);
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({
      object: 'key.usage',
      keyId: created.body.id,
      period: 'monthly',
      budgetUsd: 1,
      reservedUsd: 0,
      requests: 3,
      team: { teamId: team.body.id, budgetUsd: 10, requests: 3 },
    });
    expect(usage.body.spentUsd).toBeGreaterThan(0);
    expect(usage.body.remainingUsd).toBeCloseTo(1 - usage.body.spentUsd, 10);
    // the mock counts characters / 4
    expect(usage.body.inputTokens).toBe(300);
    expect(Date.parse(usage.body.periodEnd)).toBeGreaterThan(Date.parse(usage.body.periodStart));
    const teamUsage = await admin('GET', `/teams/${team.body.id}/usage`);
    expect(teamUsage.body).toMatchObject({ object: 'team.usage', requests: 3 });
    expect(teamUsage.body.spentUsd).toBeCloseTo(usage.body.spentUsd, 10);

    const byKey = await admin('GET', `/spend?groupBy=key&teamId=${team.body.id}`);
    expect(byKey.body).toMatchObject({ object: 'list', groupBy: 'key' });
    expect(byKey.body.data).toEqual([
      expect.objectContaining({ group: created.body.id, name: 'spender', requests: 3, errors: 0 }),
    ]);
    expect(byKey.body.data[0].costUsd).toBeCloseTo(usage.body.spentUsd, 10);
    const byModel = await admin('GET', `/spend?groupBy=model&keyId=${created.body.id}`);
    expect(byModel.body.data).toEqual([expect.objectContaining({ group: 'mock/mock-1', requests: 3 })]);
    const byTeam = await admin('GET', `/spend?groupBy=team&model=mock/mock-1&teamId=${team.body.id}`);
    expect(byTeam.body.data).toEqual([expect.objectContaining({ group: team.body.id, name: 'spenders' })]);
    const byDay = await admin(
      'GET',
      `/spend?keyId=${created.body.id}&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z`,
    );
    expect(byDay.body.groupBy).toBe('day');
    expect(byDay.body.data).toEqual([expect.objectContaining({ requests: 3 })]);
    expect(byDay.body.data[0].group).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expectError(await admin('GET', '/spend?groupBy=week'), 400, 'invalid_request', 'groupBy');
    expectError(await admin('GET', '/spend?from=yesterday'), 400, 'invalid_request', 'from');
    expectError(await admin('GET', `/keys/${UNKNOWN_ID}/usage`), 404, 'not_found', 'keyId');
  });

  it('never logs a secret: neither the admin key nor a plaintext key', async () => {
    const created = await admin('POST', '/keys', { name: 'logged' });
    await admin('POST', `/keys/${created.body.id}/rotate`);
    const logs = governed.logs.join('\n');
    expect(logs).toContain('admin: key.create');
    expect(logs).not.toContain(ADMIN_KEY);
    expect(logs).not.toContain(created.body.key);
  });
});
