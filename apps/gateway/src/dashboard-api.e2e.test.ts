import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { MAX_FAILED_SIGN_INS } from './dashboard/sign-in-throttle.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import {
  createTestDatabase,
  ADMIN_KEY as GOVERNED_ADMIN_KEY,
  type GovernedGateway,
  startGovernedGateway,
  type TestDatabase,
} from './test-support/governed-gateway.js';

const ADMIN_KEY = 'admin-key-for-dashboard-tests-0123456789';
const CLIENT_KEY = 'client-key-for-dashboard-tests-0123456789';
const env = { HUB_ADMIN_KEY: ADMIN_KEY, CLIENT_KEY };
const baseConfig = {
  server: { port: 0 },
  providers: [{ type: 'mock' }],
  routes: { default: ['mock/mock-1'] },
  cache: false,
  logging: { level: 'silent' },
  virtualKeys: [{ name: 'team-a', keyEnv: 'CLIENT_KEY' }],
};

interface Signed {
  readonly cookie: string;
  readonly csrfToken: string;
}

async function signIn(url: string, adminKey: string = ADMIN_KEY): Promise<Response> {
  return fetch(`${url}/ui/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ adminKey }),
  });
}

async function signedIn(url: string, adminKey: string = ADMIN_KEY): Promise<Signed> {
  const response = await signIn(url, adminKey);
  expect(response.status).toBe(201);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';', 1)[0] as string;
  const body = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken: body.csrfToken };
}

describe('the dashboard endpoints', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const config = validateGatewayConfig(baseConfig, env);
    gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('serves the built UI at /ui with a strict content security policy, gzipped', async () => {
    const redirect = await fetch(`${gateway.url}/ui`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/ui/');
    const page = await fetch(`${gateway.url}/ui/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    // every script and stylesheet is the gateway's own: no CDN, no network
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(
      sources.filter((source) => !source.startsWith('data:')).every((source) => source.startsWith('/ui/')),
    ).toBe(true);
    const script = sources.find((source) => source.endsWith('.js')) as string;
    const asset = await fetch(`${gateway.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${gateway.url}/ui/assets/../../package.json`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/ui/assets/nope.js`)).status).toBe(404);
  });

  it('signs in with the admin key only, setting an HttpOnly, SameSite=Strict cookie', async () => {
    const wrong = await signIn(gateway.url, 'not-the-admin-key');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('authentication');
    const missing = await fetch(`${gateway.url}/ui/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { param: string } }).error.param).toBe('adminKey');

    const right = await signIn(gateway.url);
    expect(right.status).toBe(201);
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hub_dashboard_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/ui');
    expect(cookie).not.toContain(ADMIN_KEY);
    const body = (await right.json()) as { csrfToken: string; governance: boolean };
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.governance).toBe(false);
  });

  it('answers the JSON endpoints to a session or the admin key as a bearer token, and nobody else', async () => {
    const session = await signedIn(gateway.url);
    for (const path of ['/ui/api/overview', '/ui/api/providers', '/ui/api/requests', '/ui/api/session']) {
      expect((await fetch(`${gateway.url}${path}`)).status, path).toBe(401);
      expect(
        (await fetch(`${gateway.url}${path}`, { headers: { cookie: session.cookie } })).status,
        path,
      ).toBe(200);
      const bearer = await fetch(`${gateway.url}${path}`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      expect(bearer.status, path).toBe(200);
      expect(bearer.headers.get('cache-control')).toBe('no-store');
      // a wrong bearer is refused even next to a good cookie
      const wrong = await fetch(`${gateway.url}${path}`, {
        headers: { authorization: `Bearer ${CLIENT_KEY}`, cookie: session.cookie },
      });
      expect(wrong.status, path).toBe(401);
    }
    const badStep = await fetch(`${gateway.url}/ui/api/overview?step=1`, {
      headers: { cookie: session.cookie },
    });
    expect(badStep.status).toBe(400);
    expect(((await badStep.json()) as { error: { param: string } }).error.param).toBe('step');
  });

  it('refuses a mutation without the CSRF token, with a wrong one, or from another origin', async () => {
    const session = await signedIn(gateway.url);
    const signOut = (headers: Record<string, string>) =>
      fetch(`${gateway.url}/ui/api/session`, {
        method: 'DELETE',
        headers: { cookie: session.cookie, ...headers },
      });
    const without = await signOut({});
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    expect((await signOut({ 'x-csrf-token': `${session.csrfToken.slice(0, -1)}A` })).status).toBe(403);
    expect((await signOut({ 'x-csrf-token': 'short' })).status).toBe(403);
    expect((await signOut({ 'x-csrf-token': session.csrfToken, origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect(
      (await signOut({ 'x-csrf-token': session.csrfToken, 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
    // the session survived every refused attempt
    expect(
      (await fetch(`${gateway.url}/ui/api/overview`, { headers: { cookie: session.cookie } })).status,
    ).toBe(200);
    const signedOut = await signOut({ 'x-csrf-token': session.csrfToken, origin: gateway.url });
    expect(signedOut.status).toBe(204);
    expect(signedOut.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(
      (await fetch(`${gateway.url}/ui/api/overview`, { headers: { cookie: session.cookie } })).status,
    ).toBe(401);
  });

  it('records calls for the Requests page and the live figures, never their text', async () => {
    const session = await signedIn(gateway.url);
    const client = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const secretPrompt = 'the-prompt-text-must-never-reach-the-dashboard';
    const completion = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: secretPrompt }],
    });
    const stream = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: secretPrompt }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _chunk of stream) {
      // drained
    }
    const bad = new OpenAI({ apiKey: 'wrong-key', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await expect(
      bad.chat.completions.create({ model: 'default', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 401,
    });

    const response = await fetch(`${gateway.url}/ui/api/requests`, { headers: { cookie: session.cookie } });
    const text = await response.text();
    expect(text).not.toContain(secretPrompt);
    expect(text).not.toContain(CLIENT_KEY);
    const { data, keys } = JSON.parse(text) as {
      data: {
        requestId: string;
        key: string | null;
        status: number;
        path: string;
        call: Record<string, unknown> | null;
      }[];
      keys: string[];
    };
    expect(keys).toContain('team-a');
    const [rejected, streamed, plain] = data;
    expect(rejected).toMatchObject({ status: 401, key: null, call: null, path: '/v1/chat/completions' });
    expect(streamed).toMatchObject({
      status: 200,
      key: 'team-a',
      call: { provider: 'mock', model: 'mock-1', stream: true, outcome: 'success' },
    });
    expect(plain).toMatchObject({
      status: 200,
      key: 'team-a',
      call: { requestedModel: 'default', provider: 'mock', model: 'mock-1', stream: false, cached: false },
    });
    expect(plain?.call?.inputTokens).toBe(completion.usage?.prompt_tokens);
    expect(plain?.call?.outputTokens).toBe(completion.usage?.completion_tokens);
    expect(plain?.call?.costUsd).toBeGreaterThan(0);

    const filtered = (await (
      await fetch(`${gateway.url}/ui/api/requests?status=error`, { headers: { cookie: session.cookie } })
    ).json()) as { data: unknown[] };
    expect(filtered.data).toHaveLength(1);

    const overview = (await (
      await fetch(`${gateway.url}/ui/api/overview`, { headers: { cookie: session.cookie } })
    ).json()) as {
      current: { requests: number; timeToFirstTokenP50Ms: number | null };
      spendToday: { costUsd: number };
    };
    // the 401 never reached the hub: two calls
    expect(overview.current.requests).toBe(2);
    expect(overview.current.timeToFirstTokenP50Ms).not.toBeNull();
    expect(overview.spendToday.costUsd).toBeGreaterThan(0);

    const providers = (await (
      await fetch(`${gateway.url}/ui/api/providers`, { headers: { cookie: session.cookie } })
    ).json()) as {
      targets: { provider: string; model: string; attempts: number; circuit: string; healthy: boolean }[];
      health: { providers: { id: string; status: string }[] };
    };
    expect(providers.targets).toContainEqual(
      expect.objectContaining({
        provider: 'mock',
        model: 'mock-1',
        attempts: 2,
        circuit: 'closed',
        healthy: true,
      }),
    );
    expect(providers.health.providers).toContainEqual(
      expect.objectContaining({ id: 'mock', status: 'healthy' }),
    );
  });

  it('says keys and spend need a governance store when none is configured', async () => {
    const session = await signedIn(gateway.url);
    const response = await fetch(`${gateway.url}/ui/api/admin/keys`, { headers: { cookie: session.cookie } });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'governance_not_configured',
    );
  });

  it('slows down guessing, by sign-in or bearer: too many wrong keys from one address answer 429', async () => {
    // earlier tests may have counted wrong bearers from this address already
    let status = 0;
    for (let attempt = 0; attempt <= MAX_FAILED_SIGN_INS && status !== 429; attempt++) {
      status = (await signIn(gateway.url, `guess-${attempt}`)).status;
    }
    expect(status).toBe(429);
    const throttled = await signIn(gateway.url);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    const bearer = await fetch(`${gateway.url}/ui/api/overview`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(bearer.status).toBe(429);
  });
});

describe('a gateway without an admin key or without the dashboard', () => {
  it('answers 503 to sign-in and names the variable to set', async () => {
    const config = validateGatewayConfig(baseConfig, { CLIENT_KEY });
    const gateway = await startGateway({ config, env: { CLIENT_KEY }, logger: pino({ level: 'silent' }) });
    try {
      const response = await signIn(gateway.url);
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        'HUB_ADMIN_KEY',
      );
      expect((await fetch(`${gateway.url}/ui/`)).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });

  it('serves no /ui at all with dashboard: false', async () => {
    const config = validateGatewayConfig({ ...baseConfig, dashboard: false }, env);
    const gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
    try {
      expect((await fetch(`${gateway.url}/ui/`)).status).toBe(404);
      expect((await signIn(gateway.url)).status).toBe(404);
    } finally {
      await gateway.close();
    }
  });

  it('refuses a dashboard.adminKeyEnv naming an unset variable, and a short admin key, naming the field', () => {
    expect(() =>
      validateGatewayConfig({ ...baseConfig, dashboard: { adminKeyEnv: 'NOPE_UNSET' } }, env),
    ).toThrow(/dashboard\.adminKeyEnv.*NOPE_UNSET/);
    const short = { CLIENT_KEY, HUB_ADMIN_KEY: 'too-short' };
    expect(() => validateGatewayConfig(baseConfig, short)).toThrow(/dashboard\.adminKeyEnv.*at least 16/);
    expect(() => validateGatewayConfig(baseConfig, short)).not.toThrow(/too-short/);
    // without the dashboard the variable means nothing to the gateway
    expect(() => validateGatewayConfig({ ...baseConfig, dashboard: false }, short)).not.toThrow();
  });
});

describe('the admin API through the dashboard', () => {
  let database: TestDatabase;
  let governed: GovernedGateway;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'dashboard_api');
    governed = await startGovernedGateway({ database, config: { logging: { level: 'silent' } } });
  });
  afterAll(async () => {
    await governed?.gateway.close();
    await database?.dispose();
  });

  it('calls /admin in process as the admin, with the CSRF token required on changes', async () => {
    const session = await signedIn(governed.url, GOVERNED_ADMIN_KEY);
    const state = (await (
      await fetch(`${governed.url}/ui/api/session`, { headers: { cookie: session.cookie } })
    ).json()) as { governance: boolean };
    expect(state.governance).toBe(true);
    const create = (headers: Record<string, string>) =>
      fetch(`${governed.url}/ui/api/admin/keys`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'notebook', budgetUsd: 5, budgetPeriod: 'daily' }),
      });
    expect((await create({})).status).toBe(403);
    expect((await governed.store.listKeys()).items).toEqual([]);
    const created = await create({ 'x-csrf-token': session.csrfToken });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; key: string; name: string };
    expect(body).toMatchObject({ name: 'notebook' });
    expect(body.key).toMatch(/^sk-hub-/);
    // the browser never held the admin key: the dashboard's session stood in for it
    expect((await governed.store.authenticate(body.key)).status).toBe('ok');

    const listed = await fetch(`${governed.url}/ui/api/admin/keys?limit=10`, {
      headers: { cookie: session.cookie },
    });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(body.key);
    expect((JSON.parse(text) as { data: { id: string }[] }).data.map((key) => key.id)).toEqual([body.id]);

    const revoked = await fetch(`${governed.url}/ui/api/admin/keys/${body.id}`, {
      method: 'DELETE',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(revoked.status).toBe(200);
    expect((await governed.store.authenticate(body.key)).status).toBe('revoked');
    // the admin API's own errors come through unchanged
    const invalid = await fetch(`${governed.url}/ui/api/admin/keys`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'x', colour: 'blue' }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { param: string } }).error.param).toBe('colour');
  });

  it('names database keys on the Requests page, and reaches only keys, teams and spend', async () => {
    const session = await signedIn(governed.url, GOVERNED_ADMIN_KEY);
    const created = await governed.store.createKey({ name: 'reporting' });
    const client = new OpenAI({ apiKey: created.key, baseURL: `${governed.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({ model: 'default', messages: [{ role: 'user', content: 'hi' }] });
    const requests = (await (
      await fetch(`${governed.url}/ui/api/requests`, { headers: { cookie: session.cookie } })
    ).json()) as { data: { key: string | null; status: number }[] };
    expect(requests.data[0]).toMatchObject({ key: 'reporting', status: 200 });

    for (const path of ['/ui/api/admin/other', '/ui/api/admin/keys/a/b/c', '/ui/api/admin/..%2Fmetrics']) {
      const response = await fetch(`${governed.url}${path}`, { headers: { cookie: session.cookie } });
      expect(response.status, path).toBe(404);
    }
  });
});
