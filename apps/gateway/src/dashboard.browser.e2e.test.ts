import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { accessibilityViolations } from './test-support/accessibility-violations.js';
import {
  ADMIN_KEY,
  createTestDatabase,
  type GovernedGateway,
  startGovernedGateway,
  type TestDatabase,
} from './test-support/governed-gateway.js';
import { browserTestsEnabled, launchChromium, TEST_ARTIFACTS_DIR } from './test-support/launch-chromium.js';

// generous: the pages poll every 3 to 10 s, and a loaded CI machine may be ten times slower
const UI_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 120_000;

let browser: Browser;

/** A browser tab on the dashboard, failing the test on any script error or CSP violation. */
interface Tab {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
}

async function openTab(origin: string): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  // a violation of the content security policy would mean part of the UI silently broke
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
    console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI);
  });`);
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('CSP violation')) errors.push(message.text());
  });
  return { context, page, errors };
}

/** Saves the page's screenshot, and checks it against WCAG 2.1 A and AA while it is shown. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(TEST_ARTIFACTS_DIR, `dashboard-${name}.png`), fullPage: true });
  expect(await accessibilityViolations(page), `accessibility of the ${name} page`).toEqual([]);
}

async function signIn(page: Page, origin: string, adminKey: string): Promise<void> {
  await page.goto(`${origin}/ui/`);
  await page.getByLabel('Admin key').focus();
  await page.keyboard.type(adminKey);
  await page.keyboard.press('Enter');
}

async function openPage(page: Page, name: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const hello = (content: string) => ({ model: 'default', messages: [{ role: 'user' as const, content }] });

beforeAll(async () => {
  if (browserTestsEnabled()) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!browserTestsEnabled())(
  'the dashboard with a governance store, in headless Chromium',
  {
    timeout: TEST_TIMEOUT_MS,
  },
  () => {
    let database: TestDatabase;
    let governed: GovernedGateway;
    let tab: Tab;
    let page: Page;
    let url: string;
    // the key the page creates, shown once
    let secret = '';

    beforeAll(async () => {
      database = await createTestDatabase('postgres', 'dashboard');
      // the real clock: the dashboard's minute and hour must be now's
      governed = await startGovernedGateway({
        database,
        limitsNow: Date.now,
        config: { logging: { level: 'silent' } },
      });
      url = governed.url;
      tab = await openTab(url);
      page = tab.page;
    }, 60_000);

    afterAll(async () => {
      await tab?.context.close();
      await governed?.gateway.close();
      await database?.dispose();
      expect(tab?.errors ?? []).toEqual([]);
    });

    it('refuses a wrong admin key: no session, the error announced', async () => {
      await signIn(page, url, 'not-the-admin-key-0123456789');
      await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong admin key.');
      expect((await tab.context.cookies()).some((cookie) => cookie.name === 'hub_dashboard_session')).toBe(
        false,
      );
      await screenshot(page, 'sign-in');
    });

    it('signs in with the keyboard and creates a team and a key, the key shown once with a copy button', async () => {
      await signIn(page, url, ADMIN_KEY);
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      const cookie = (await tab.context.cookies()).find(
        (candidate) => candidate.name === 'hub_dashboard_session',
      );
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/ui' });

      await openPage(page, 'Keys and teams', 'Keys and teams');
      await page.getByText('No keys yet.').waitFor();
      await page.getByText('Create a team').click();
      const newTeam = page.locator('details').filter({ hasText: 'Create a team' });
      await newTeam.getByLabel('Name').fill('research');
      await newTeam.getByLabel('Budget (USD)').fill('100');
      await newTeam.getByRole('button', { name: 'Create team' }).click();
      await page.getByRole('row', { name: /research/ }).waitFor();

      const newKey = page.locator('details').filter({ hasText: 'Create a key' });
      await newKey.getByLabel('Name').fill('notebook');
      await newKey.getByLabel('Team').selectOption({ label: 'research' });
      await newKey.getByLabel('Budget (USD)').fill('5');
      await newKey.getByLabel('Budget period').selectOption('daily');
      await newKey.getByLabel('Requests per minute').fill('600');
      await newKey.getByRole('button', { name: 'Create key' }).click();
      const dialog = page.getByRole('dialog', { name: /Key notebook created/ });
      secret = await dialog.getByLabel('Key').inputValue();
      expect(secret).toMatch(/^sk-hub-/);
      await dialog.getByRole('button', { name: 'Copy' }).click();
      await dialog.getByText('Copied to the clipboard.').waitFor();
      await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(secret);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // once closed, the secret is nowhere on the page: only its prefix is listed
      await expect(page.content()).resolves.not.toContain(secret);
      const row = page.getByRole('row', { name: /notebook/ });
      await row.getByText(`${secret.slice(0, 13)}…`).waitFor();
      await expect(row.textContent()).resolves.toContain('research');
      await expect(row.getByRole('progressbar').getAttribute('aria-valuetext')).resolves.toBe(
        '$0.00 of $5.00 (0%)',
      );
      const [stored] = (await governed.store.listKeys()).items;
      expect(stored).toMatchObject({ name: 'notebook', budget: 5, budgetPeriod: 'daily', rpm: 600 });
    });

    it('shows calls made with that key through the openai SDK on the Overview, Providers and Requests pages', async () => {
      const client = new OpenAI({ apiKey: secret, baseURL: `${url}/v1`, maxRetries: 0 });
      for (let index = 0; index < 5; index++) await client.chat.completions.create(hello(`hello ${index}`));
      const stream = await client.chat.completions.create({ ...hello('stream please'), stream: true });
      for await (const _chunk of stream) {
        // drained
      }
      await openPage(page, 'Overview', 'Overview');
      await page.getByText('6 in the last minute').waitFor();
      const spend = await page.locator('[data-stat="Spend today"]').textContent();
      expect(Number(spend?.replace(/^\$/, ''))).toBeGreaterThan(0);
      await expect(page.locator('[data-stat="Error rate"]').textContent()).resolves.toBe('0%');
      await page.locator('.chart canvas').first().waitFor();
      await screenshot(page, 'overview');

      await openPage(page, 'Providers', 'Providers and models');
      const target = page.getByRole('row', { name: /mock\/mock-1/ });
      await target.getByRole('cell', { name: '6', exact: true }).waitFor();
      await expect(target.textContent()).resolves.toContain('closed');
      await page.getByText('healthy', { exact: true }).first().waitFor();
      await screenshot(page, 'providers');

      await openPage(page, 'Requests', 'Requests');
      await page.getByText('6 requests shown').waitFor();
      const rows = page.locator('tbody tr');
      await expect(rows.first().textContent()).resolves.toContain('notebook');
      await expect(rows.first().textContent()).resolves.toContain('mock/mock-1');
      await expect(page.locator('tbody').textContent()).resolves.not.toContain('hello 1');
      await screenshot(page, 'requests');
    });

    it('shows the spend on the key’s budget bar, edits the budget, and reports spend as a chart, a table and CSV', async () => {
      await governed.store.flush();
      await openPage(page, 'Keys and teams', 'Keys and teams');
      const row = page.getByRole('row', { name: /notebook/ });
      await expect
        .poll(() => row.getByRole('progressbar').getAttribute('aria-valuetext'), { timeout: UI_TIMEOUT_MS })
        .toMatch(/^\$0\.0\d+ of \$5\.00 \(0%\)$/);
      await row.getByRole('button', { name: 'Edit notebook' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit key notebook' });
      await edit.getByLabel('Budget (USD)').fill('10');
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'hidden' });
      await expect
        .poll(() => row.getByRole('progressbar').getAttribute('aria-valuetext'), { timeout: UI_TIMEOUT_MS })
        .toMatch(/ of \$10\.00 /);
      expect((await governed.store.listKeys()).items[0]?.budget).toBe(10);
      await screenshot(page, 'keys');

      await openPage(page, 'Spend', 'Spend');
      await page
        .locator('tbody th')
        .filter({ hasText: /^\d{4}-\d\d-\d\d$/ })
        .first()
        .waitFor();
      await page.locator('.chart canvas').first().waitFor();
      await expect(page.getByTestId('spend-total').textContent()).resolves.toMatch(/^\$0\.0\d+$/);
      await screenshot(page, 'spend');
      await page.getByLabel('Group by').selectOption('key');
      await page.getByRole('row', { name: /notebook/ }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^spend-by-key-.*\.csv$/);
      const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
      expect(lines[0]).toBe('key,name,requests,errors,input_tokens,output_tokens,cost_usd');
      expect(lines[1]).toMatch(/^[0-9a-f-]+,notebook,6,0,\d+,\d+,0\.0\d+$/);
      expect(lines.slice(2)).toEqual(['']);
    });

    it('refuses a change the page makes without the CSRF token, though the cookie is sent', async () => {
      const answer = await page.evaluate(async () => {
        const response = await fetch('/ui/api/admin/keys', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'forged' }),
        });
        return { status: response.status, body: (await response.json()) as { error: { code: string } } };
      });
      expect(answer).toMatchObject({ status: 403, body: { error: { code: 'csrf_failed' } } });
      expect((await governed.store.listKeys()).items.map((key) => key.name)).toEqual(['notebook']);
    });

    it('revokes the key: the next call with it is refused with 401, and the Requests page shows it', async () => {
      await openPage(page, 'Keys and teams', 'Keys and teams');
      const row = page.getByRole('row', { name: /notebook/ });
      page.once('dialog', (confirm) => void confirm.accept());
      await row.getByRole('button', { name: 'Revoke notebook' }).click();
      await row.getByText('revoked').waitFor();
      const client = new OpenAI({ apiKey: secret, baseURL: `${url}/v1`, maxRetries: 0 });
      await expect(client.chat.completions.create(hello('after revocation'))).rejects.toMatchObject({
        status: 401,
      });

      await openPage(page, 'Requests', 'Requests');
      await page.getByLabel('Status').selectOption('error');
      await page.getByText('1 request shown').waitFor();
      await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('401');
    });

    it('signs out: the page asks for the key again and the old cookie opens nothing', async () => {
      const cookie = (await tab.context.cookies()).find(
        (candidate) => candidate.name === 'hub_dashboard_session',
      );
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Admin key').waitFor();
      const response = await fetch(`${url}/ui/api/overview`, {
        headers: { cookie: `hub_dashboard_session=${cookie?.value}` },
      });
      expect(response.status).toBe(401);
      await page.reload();
      await page.getByLabel('Admin key').waitFor();
    });
  },
);

describe.skipIf(!browserTestsEnabled())(
  'the dashboard without a governance store, in headless Chromium',
  {
    timeout: TEST_TIMEOUT_MS,
  },
  () => {
    const adminKey = 'dashboard-only-admin-key-0123456789';
    let gateway: RunningGateway;
    let tab: Tab;

    beforeAll(async () => {
      const env = { HUB_ADMIN_KEY: adminKey };
      const config = validateGatewayConfig(
        {
          server: { port: 0 },
          providers: [{ type: 'mock' }],
          routes: { default: ['mock/mock-1'] },
          logging: { level: 'silent' },
        },
        env,
      );
      gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
      tab = await openTab(gateway.url);
    }, 60_000);

    afterAll(async () => {
      await tab?.context.close();
      await gateway?.close();
      expect(tab?.errors ?? []).toEqual([]);
    });

    it('says keys and spend need one, and still shows live calls', async () => {
      const page = tab.page;
      await signIn(page, gateway.url, adminKey);
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      const client = new OpenAI({
        apiKey: 'unused-on-an-open-gateway',
        baseURL: `${gateway.url}/v1`,
        maxRetries: 0,
      });
      await client.chat.completions.create(hello('an open gateway'));
      await page.getByText('1 in the last minute').waitFor();
      await openPage(page, 'Keys and teams', 'Keys and teams');
      await page.getByRole('status').filter({ hasText: 'No governance store is configured' }).waitFor();
      await screenshot(page, 'keys-without-governance');
      await openPage(page, 'Spend', 'Spend');
      await page.getByRole('status').filter({ hasText: 'No governance store is configured' }).waitFor();
      await openPage(page, 'Requests', 'Requests');
      await page.getByText('1 request shown').waitFor();
    });
  },
);
