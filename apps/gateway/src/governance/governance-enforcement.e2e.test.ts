import { ConfigError } from '@hub/core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from '../config/load-gateway-config.js';
import { startGateway } from '../start-gateway.js';
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

const hello = (extra: Record<string, unknown> = {}) => ({
  model: 'default',
  messages: [{ role: 'user', content: 'hello' }],
  ...extra,
});

// 400 characters: the mock bills 100 input tokens and ~102 output tokens, about $0.0002 a call
const costly = (extra: Record<string, unknown> = {}) => ({
  model: 'default',
  max_tokens: 10,
  messages: [{ role: 'user', content: 'x'.repeat(400) }],
  ...extra,
});

const messages = (url: string, key: string, body: Record<string, unknown>): Promise<JsonAnswer> =>
  fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  }).then(async (response) => ({
    status: response.status,
    headers: response.headers,
    body: await response.json(),
  }));

describe.each(BACKENDS)('enforcement on every call, on %s', (backend) => {
  let database: TestDatabase;
  let governed: GovernedGateway;
  let admin: ReturnType<typeof adminClient>;
  const newKey = async (body: Record<string, unknown>) => {
    const created = await admin('POST', '/keys', body);
    expect(created.status).toBe(201);
    return created.body as { id: string; key: string };
  };
  const newTeam = async (body: Record<string, unknown>) => {
    const created = await admin('POST', '/teams', body);
    expect(created.status).toBe(201);
    return created.body as { id: string };
  };

  beforeAll(async () => {
    database = await createTestDatabase(backend, 'enforce');
    // the per-minute limits run on a frozen clock: a window never refills during a test
    // two providers, so that a model naming neither is refused by the hub (a failed call)
    governed = await startGovernedGateway({
      database,
      config: { providers: [{ type: 'mock' }, { type: 'mock', id: 'spare' }] },
    });
    admin = adminClient(governed.url, ADMIN_KEY);
  }, 240_000);
  afterAll(async () => {
    await governed?.gateway.close();
    await database?.dispose();
  });

  it('refuses a missing, unknown, revoked or expired key with the same 401, on both APIs', async () => {
    const revoked = await newKey({ name: 'revoked' });
    await admin('DELETE', `/keys/${revoked.id}`);
    const expired = await newKey({ name: 'expired', expiresAt: '2001-01-01T00:00:00Z' });
    const answers = [
      await chat(governed.url, undefined, hello()),
      await chat(governed.url, 'sk-hub-not-a-key', hello()),
      await chat(governed.url, revoked.key, hello()),
      await chat(governed.url, expired.key, hello()),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    const invalid = answers.slice(1).map((answer) => answer.body);
    expect(invalid).toEqual([invalid[0], invalid[0], invalid[0]]);
    expect(invalid[0]).toMatchObject({ error: { code: 'authentication', message: 'Invalid API key.' } });
    expect(
      await messages(governed.url, revoked.key, { model: 'default', max_tokens: 5, messages: [] }),
    ).toMatchObject({ status: 401, body: { type: 'error', error: { type: 'authentication_error' } } });
    expect((await requestJson(governed.url, 'GET', '/v1/models', expired.key)).status).toBe(401);
  });

  it('refuses a model outside the key’s list or its team’s with 403 naming model', async () => {
    const team = await newTeam({ name: 'lists', models: ['default', 'mock/*'] });
    const narrow = await newKey({ name: 'narrow', teamId: team.id, models: ['default'] });
    const wide = await newKey({ name: 'wide', teamId: team.id });
    expect((await chat(governed.url, narrow.key, hello())).status).toBe(200);
    const byKey = await chat(governed.url, narrow.key, hello({ model: 'mock/mock-1' }));
    expect(byKey).toMatchObject({ status: 403, body: { error: { code: 'permission', param: 'model' } } });
    expect(byKey.body.error.message).toBe('This key may not use model "mock/mock-1".');
    expect((await chat(governed.url, wide.key, hello({ model: 'mock/mock-1' }))).status).toBe(200);
    const byTeam = await chat(governed.url, wide.key, hello({ model: 'spare/mock-1' }));
    expect(byTeam).toMatchObject({ status: 403, body: { error: { code: 'permission', param: 'model' } } });
    expect(byTeam.body.error.message).toBe('This key\'s team may not use model "spare/mock-1".');
    expect(
      await messages(governed.url, narrow.key, {
        model: 'mock/mock-1',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).toMatchObject({ status: 403, body: { error: { type: 'permission_error' } } });
  });

  it('answers a spent key budget with 429 insufficient_quota naming the key’s budget, until it is raised', async () => {
    const key = await newKey({ name: 'small', budgetUsd: 0.0005, budgetPeriod: 'daily' });
    let answer: JsonAnswer;
    let admitted = 0;
    for (;;) {
      answer = await chat(governed.url, key.key, costly());
      if (answer.status !== 200) break;
      admitted++;
      // once spent, flushed ledger writes show it to the next reservation
      await governed.store.flush();
      expect(admitted).toBeLessThan(20);
    }
    expect(admitted).toBeGreaterThan(0);
    expect(answer.status).toBe(429);
    expect(answer.body.error).toMatchObject({
      type: 'insufficient_quota',
      code: 'insufficient_quota',
      param: null,
    });
    expect(answer.body.error.message).toMatch(
      /^The key's budget for this period is spent; it renews at \d{4}-/,
    );
    expect(answer.headers.get('x-should-retry')).toBe('false');
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect((await messages(governed.url, key.key, { ...costly(), max_tokens: 10 })).body).toMatchObject({
      error: { type: 'rate_limit_error' },
    });

    await admin('PATCH', `/keys/${key.id}`, { budgetUsd: 1 });
    expect((await chat(governed.url, key.key, costly())).status).toBe(200);
  });

  it('answers a spent team budget with 429 naming the team’s budget; a total budget gives no retry-after', async () => {
    const team = await newTeam({ name: 'tight-team', budgetUsd: 0.0003, budgetPeriod: 'total' });
    const first = await newKey({ name: 'first', teamId: team.id, budgetUsd: 10 });
    const second = await newKey({ name: 'second', teamId: team.id });
    expect((await chat(governed.url, first.key, costly())).status).toBe(200);
    await governed.store.flush();
    expect((await chat(governed.url, second.key, costly())).status).toBe(200);
    await governed.store.flush();
    const refused = await chat(governed.url, first.key, costly());
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'insufficient_quota' });
    expect(refused.body.error.message).toBe("The team's budget for this period is spent.");
    expect(refused.headers.get('retry-after')).toBeNull();
    expect((await chat(governed.url, second.key, costly())).status).toBe(429);
  });

  it('limits requests and tokens per minute for a key and for its team, giving the reservation back', async () => {
    const rpmKey = await newKey({ name: 'rpm', requestsPerMinute: 1, budgetUsd: 1 });
    expect((await chat(governed.url, rpmKey.key, hello())).status).toBe(200);
    const limited = await chat(governed.url, rpmKey.key, hello());
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      code: 'rate_limit',
      message: 'This key exceeded its requests per minute.',
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await governed.store.flush();
    expect((await admin('GET', `/keys/${rpmKey.id}/usage`)).body).toMatchObject({
      requests: 1,
      reservedUsd: 0,
    });

    const team = await newTeam({ name: 'tpm-team', tokensPerMinute: 300 });
    const member = await newKey({ name: 'member', teamId: team.id });
    // estimated 104 input + 10 output tokens; really used ~100 + ~102
    expect((await chat(governed.url, member.key, costly())).status).toBe(200);
    const other = await newKey({ name: 'other', teamId: team.id });
    const tokens = await chat(governed.url, other.key, costly({ max_tokens: 200 }));
    expect(tokens.status).toBe(429);
    expect(tokens.body.error.message).toBe("This key's team exceeded its tokens per minute.");

    const teamRpm = await newTeam({ name: 'rpm-team', requestsPerMinute: 1 });
    const a = await newKey({ name: 'a', teamId: teamRpm.id });
    const b = await newKey({ name: 'b', teamId: teamRpm.id });
    expect((await chat(governed.url, a.key, hello())).status).toBe(200);
    expect((await chat(governed.url, b.key, hello())).body.error.message).toBe(
      "This key's team exceeded its requests per minute.",
    );
  });

  it('settles streamed calls at their cost, and failed calls at 0 as errors, in the ledger', async () => {
    const key = await newKey({ name: 'streamer', budgetUsd: 1 });
    const response = await fetch(`${governed.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(costly({ stream: true })),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('[DONE]');
    const failed = await chat(governed.url, key.key, hello({ model: 'nowhere/model-x' }));
    expect(failed.status).toBe(400);
    await governed.store.flush();

    const usage = (await admin('GET', `/keys/${key.id}/usage`)).body;
    expect(usage).toMatchObject({ requests: 2, reservedUsd: 0, inputTokens: 100 });
    // 100 input and 102 output tokens at the mock's $0.0005 / $0.0015 per 1,000
    expect(usage.spentUsd).toBeCloseTo((100 * 0.0005 + 102 * 0.0015) / 1000, 12);
    const byModel = (await admin('GET', `/spend?groupBy=model&keyId=${key.id}`)).body.data;
    expect(byModel).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ group: 'default', requests: 1, errors: 0 }),
        expect.objectContaining({ group: 'nowhere/model-x', requests: 1, errors: 1, costUsd: 0 }),
      ]),
    );
  });

  it('reserves and settles embeddings like completions, with a 429 once the budget is spent', async () => {
    const key = await newKey({ name: 'embedder', budgetUsd: 0.00003, models: ['mock/mock-embed'] });
    // 4,000 characters: 1,000 tokens at the mock's $0.00002 per 1,000
    const embed = () =>
      requestJson(governed.url, 'POST', '/v1/embeddings', key.key, {
        model: 'mock/mock-embed',
        input: 'x'.repeat(4000),
      });
    expect((await embed()).status).toBe(200);
    await governed.store.flush();
    const refused = await embed();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'insufficient_quota' });
    const outside = await requestJson(governed.url, 'POST', '/v1/embeddings', key.key, {
      model: 'mock/mock-1',
      input: 'x',
    });
    expect(outside).toMatchObject({ status: 403, body: { error: { code: 'permission', param: 'model' } } });

    const usage = (await admin('GET', `/keys/${key.id}/usage`)).body;
    expect(usage).toMatchObject({ requests: 1, inputTokens: 1000, outputTokens: 0, reservedUsd: 0 });
    expect(usage.spentUsd).toBeCloseTo(0.00002, 12);
    const byModel = (await admin('GET', `/spend?groupBy=model&keyId=${key.id}`)).body.data;
    expect(byModel).toEqual([expect.objectContaining({ group: 'mock/mock-embed', requests: 1 })]);
  });

  it('answers token counts for free: a spent budget still counts, a revoked key or a foreign model does not', async () => {
    const key = await newKey({ name: 'counter', budgetUsd: 0, models: ['default'] });
    const count = (secret: string, model: string) =>
      requestJson(governed.url, 'POST', '/v1/messages/count_tokens', secret, {
        model,
        messages: [{ role: 'user', content: 'x'.repeat(400) }],
      });
    expect((await chat(governed.url, key.key, hello())).status).toBe(429);
    const counted = await count(key.key, 'default');
    expect(counted.status).toBe(200);
    expect(counted.body.input_tokens).toBeGreaterThan(0);
    expect((await count(key.key, 'mock/mock-1')).status).toBe(403);
    await governed.store.flush();
    expect((await admin('GET', `/keys/${key.id}/usage`)).body).toMatchObject({ requests: 0, spentUsd: 0 });
    await admin('DELETE', `/keys/${key.id}`);
    expect((await count(key.key, 'default')).status).toBe(401);
  });

  it('keeps config-file keys working, their calls in the ledger without a key', async () => {
    const before = await admin('GET', '/spend?groupBy=key');
    const keyless = (rows: { group: string | null; requests: number }[]) =>
      rows.find((row) => row.group === null)?.requests ?? 0;
    expect((await chat(governed.url, CONFIG_KEY, hello())).status).toBe(200);
    await governed.store.flush();
    const after = await admin('GET', '/spend?groupBy=key');
    expect(keyless(after.body.data)).toBe(keyless(before.body.data) + 1);
  });

  it('exposes governance on /metrics', async () => {
    await chat(governed.url, 'sk-hub-unknown', hello());
    const text = await (await fetch(`${governed.url}/metrics`)).text();
    expect(text).toMatch(/^hub_governance_ledger_buffered_entries \d+$/m);
    expect(text).toMatch(/^hub_governance_ledger_dropped_entries_total 0$/m);
    expect(text).toMatch(/^hub_governance_authentication_refusals_total\{reason="unknown"\} [1-9]\d*$/m);
    expect(text).toMatch(/^hub_governance_budget_refusals_total\{reason="key_budget"\} [1-9]\d*$/m);
  });
});

describe('start-up checks', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'startup');
  });
  afterAll(() => database?.dispose());

  const start = (env: Record<string, string>, extra: Record<string, unknown>) =>
    startGateway({
      config: validateGatewayConfig(
        {
          server: { port: 0 },
          providers: [{ type: 'mock' }],
          logging: { level: 'silent' },
          database: database.section,
          ...extra,
        },
        env,
      ),
      env,
      logger: pino({ level: 'silent' }),
    });

  it('refuses a config-file key that is also a database key, and an admin key that is a virtual key', async () => {
    const gateway = await start({ HUB_ADMIN_KEY: ADMIN_KEY }, { admin: { keyEnv: 'HUB_ADMIN_KEY' } });
    const created = await adminClient(gateway.url, ADMIN_KEY)('POST', '/keys', { name: 'copied' });
    await gateway.close();

    const twice = start(
      { COPIED: created.body.key },
      { virtualKeys: [{ name: 'copied', keyEnv: 'COPIED' }] },
    );
    await expect(twice).rejects.toSatisfy(
      (error: unknown) =>
        ConfigError.isConfigError(error) &&
        error.issues.some((issue) => issue.path === 'virtualKeys.0.keyEnv') &&
        !error.message.includes(created.body.key),
    );
    const adminIsVirtual = start(
      { HUB_ADMIN_KEY: ADMIN_KEY, SAME: ADMIN_KEY },
      { admin: { keyEnv: 'HUB_ADMIN_KEY' }, virtualKeys: [{ name: 'same', keyEnv: 'SAME' }] },
    );
    await expect(adminIsVirtual).rejects.toSatisfy(
      (error: unknown) =>
        ConfigError.isConfigError(error) && error.issues.some((issue) => issue.path === 'admin.keyEnv'),
    );
    const adminIsDatabaseKey = start(
      { HUB_ADMIN_KEY: created.body.key },
      { admin: { keyEnv: 'HUB_ADMIN_KEY' } },
    );
    await expect(adminIsDatabaseKey).rejects.toSatisfy(
      (error: unknown) =>
        ConfigError.isConfigError(error) &&
        error.issues.some((issue) => issue.path === 'admin.keyEnv' && /database key/.test(issue.message)),
    );
  }, 60_000);

  it('serves no admin API without an admin section, and needs a key for every call with a database', async () => {
    const gateway = await start({}, {});
    try {
      expect((await requestJson(gateway.url, 'GET', '/admin/teams', ADMIN_KEY)).status).toBe(404);
      const open = await chat(gateway.url, undefined, hello({ model: 'mock/mock-1' }));
      expect(open.status).toBe(401);
    } finally {
      await gateway.close();
    }
  });
});
