import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { accessibilityViolations } from './test-support/accessibility-violations.js';
import { type FakeAdminApi, fakeAdminApi } from './test-support/fake-admin-api.js';
import { browserTestsEnabled, launchChromium, TEST_ARTIFACTS_DIR } from './test-support/launch-chromium.js';
import {
  type DashboardTestGateway,
  startDashboardTestGateway,
} from './test-support/start-dashboard-test-gateway.js';

const ADMIN_KEY = 'browser-test-admin-key-0123456789abcdef';
const CLIENT_KEY = 'browser-test-client-key-0123456789abcdef';
const env = { HUB_ADMIN_KEY: ADMIN_KEY, CLIENT_KEY };
// generous: the page polls every 3 s, and a loaded CI machine may be ten times slower
const UI_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 120_000;

let gateway: DashboardTestGateway;
let admin: FakeAdminApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** Saves the page's screenshot, and checks it against WCAG 2.1 A and AA while it is shown. */
async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(TEST_ARTIFACTS_DIR, `dashboard-${name}.png`), fullPage: true });
  expect(await accessibilityViolations(page), `accessibility of the ${name} page`).toEqual([]);
}

async function signIn(adminKey: string): Promise<void> {
  await page.goto(`${gateway.url}/ui/`);
  const field = page.getByLabel('Admin key');
  await field.focus();
  await page.keyboard.type(adminKey);
  await page.keyboard.press('Enter');
}

async function openPage(name: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe.skipIf(!browserTestsEnabled())(
  'the dashboard in headless Chromium',
  { timeout: TEST_TIMEOUT_MS },
  () => {
    beforeAll(async () => {
      admin = fakeAdminApi(ADMIN_KEY);
      gateway = await startDashboardTestGateway({
        config: validateGatewayConfig(
          {
            server: { port: 0 },
            providers: [{ type: 'mock' }],
            routes: { default: ['mock/mock-1'] },
            cache: false,
            logging: { level: 'silent' },
            virtualKeys: [{ name: 'team-a', keyEnv: 'CLIENT_KEY' }],
          },
          env,
        ),
        env,
        adminKey: ADMIN_KEY,
        extend: (app) => admin.register(app),
      });
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gateway.url });
      // a violation of the content security policy would mean part of the UI silently broke
      await context.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
      console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI);
    });`);
      page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().startsWith('CSP violation'))
          pageErrors.push(message.text());
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await gateway?.close();
      expect(pageErrors).toEqual([]);
    });

    it('refuses a wrong admin key: no session, the error announced', async () => {
      await signIn('not-the-admin-key');
      await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong admin key.');
      expect((await context.cookies()).some((cookie) => cookie.name === 'hub_dashboard_session')).toBe(false);
      await screenshot('sign-in');
    });

    it('signs in with the keyboard and shows calls made with the openai SDK on every live page', async () => {
      await signIn(ADMIN_KEY);
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      const cookie = (await context.cookies()).find(
        (candidate) => candidate.name === 'hub_dashboard_session',
      );
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/ui' });
      await page.getByText('0 in the last minute').waitFor();

      const client = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      for (let index = 0; index < 5; index++) {
        await client.chat.completions.create({
          model: 'default',
          messages: [{ role: 'user', content: `hello ${index}` }],
        });
      }
      const stream = await client.chat.completions.create({
        model: 'default',
        messages: [{ role: 'user', content: 'stream please' }],
        stream: true,
      });
      for await (const _chunk of stream) {
        // drained
      }
      const stranger = new OpenAI({ apiKey: 'not-a-key', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      await expect(
        stranger.chat.completions.create({ model: 'default', messages: [{ role: 'user', content: 'x' }] }),
      ).rejects.toMatchObject({ status: 401 });

      // the overview polls: it shows the six calls and what they cost without a reload
      await page.getByText('6 in the last minute').waitFor();
      const spend = await page.locator('[data-stat="Spend today"]').textContent();
      expect(spend).toMatch(/^\$0\.0\d+/);
      expect(Number(spend?.slice(1))).toBeGreaterThan(0);
      await expect(page.locator('[data-stat="Error rate"]').textContent()).resolves.toBe('0%');
      await page.locator('.chart canvas').first().waitFor();
      await screenshot('overview');

      await openPage('Providers', 'Providers and models');
      const row = page.getByRole('row', { name: /mock\/mock-1/ });
      await row.getByRole('cell', { name: '6', exact: true }).waitFor();
      await expect(row.textContent()).resolves.toContain('closed');
      await page.getByText('healthy', { exact: true }).first().waitFor();
      await screenshot('providers');

      await openPage('Requests', 'Requests');
      await page.getByText('7 requests shown').waitFor();
      const rows = page.locator('tbody tr');
      await expect(rows.first().textContent()).resolves.toContain('401');
      await expect(page.locator('tbody').textContent()).resolves.not.toContain('hello 1');
      await page.getByLabel('Status').selectOption('ok');
      await page.getByText('6 requests shown').waitFor();
      await expect(rows.first().textContent()).resolves.toContain('team-a');
      await expect(rows.first().textContent()).resolves.toContain('mock/mock-1');
      await page.getByLabel('Key').selectOption('team-a');
      await page.getByText('6 requests shown').waitFor();
      await screenshot('requests');
      await page.getByLabel('Status').selectOption('');
      await page.getByLabel('Key').selectOption('');
    });

    it('creates a key shown once with a copy button, edits its budget, rotates and revokes it', async () => {
      await openPage('Keys and teams', 'Keys and teams');
      await page.getByText('No keys yet.').waitFor();
      const create = page.locator('details').filter({ hasText: 'Create a key' });
      await create.getByLabel('Name').fill('notebook');
      await create.getByLabel('Budget (USD)').fill('5');
      await create.getByLabel('Budget period').selectOption('daily');
      await create.getByLabel('Requests per minute').fill('60');
      await create.getByRole('button', { name: 'Create key' }).click();
      const dialog = page.getByRole('dialog', { name: /Key notebook created/ });
      await dialog.waitFor();
      const secret = await dialog.getByLabel('Key').inputValue();
      expect(secret).toMatch(/^sk-hub-/);
      await dialog.getByRole('button', { name: 'Copy' }).click();
      await dialog.getByText('Copied to the clipboard.').waitFor();
      await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(secret);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // once closed, the secret is nowhere on the page: only its prefix is listed
      await expect(page.content()).resolves.not.toContain(secret);
      const [record] = [...admin.keys.values()];
      expect(record).toMatchObject({
        name: 'notebook',
        budgetUsd: 5,
        budgetPeriod: 'daily',
        requestsPerMinute: 60,
      });
      const keyRow = page.getByRole('row', { name: /notebook/ });
      await keyRow.getByText(`${secret.slice(0, 13)}…`).waitFor();
      await expect(keyRow.getByRole('progressbar').getAttribute('aria-valuetext')).resolves.toBe(
        '$0.00 of $5.00 (0%)',
      );

      admin.charges.push({
        keyId: record?.id as string,
        model: 'mock/mock-1',
        costUsd: 4.75,
        inputTokens: 900,
        outputTokens: 300,
        at: Date.now(),
      });
      await keyRow.getByRole('button', { name: 'Edit notebook' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit key notebook' });
      await edit.getByLabel('Budget (USD)').fill('10');
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'hidden' });
      expect(record?.budgetUsd).toBe(10);
      await expect
        .poll(() => keyRow.getByRole('progressbar').getAttribute('aria-valuetext'), {
          timeout: UI_TIMEOUT_MS,
        })
        .toBe('$4.75 of $10.00 (48%)');
      await screenshot('keys');

      await keyRow.getByRole('button', { name: 'Rotate notebook' }).click();
      const rotated = page.getByRole('dialog', { name: /New secret for notebook/ });
      const secondSecret = await rotated.getByLabel('Key').inputValue();
      expect(secondSecret).toMatch(/^sk-hub-/);
      expect(secondSecret).not.toBe(secret);
      await rotated.getByRole('button', { name: 'Done' }).click();

      page.once('dialog', (confirm) => void confirm.accept());
      await keyRow.getByRole('button', { name: 'Revoke notebook' }).click();
      await keyRow.getByText('revoked').waitFor();
      expect(record?.revokedAt).not.toBeNull();
    });

    it('refuses a mutation the page makes without the CSRF token, though the cookie is sent', async () => {
      const before = admin.keys.size;
      const answer = await page.evaluate(async () => {
        const response = await fetch('/ui/api/admin/keys', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'forged' }),
        });
        return { status: response.status, body: (await response.json()) as { error: { code: string } } };
      });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('csrf_failed');
      expect(admin.keys.size).toBe(before);
    });

    it('reports spend by day and model as a chart and a table, exported as CSV', async () => {
      const id = [...admin.keys.keys()][0] as string;
      const yesterday = Date.now() - 86_400_000;
      admin.charges.push({
        keyId: id,
        model: 'mock/mock-2',
        costUsd: 1.25,
        inputTokens: 100,
        outputTokens: 50,
        at: yesterday,
      });
      await openPage('Spend', 'Spend');
      await expect
        .poll(() => page.getByTestId('spend-total').textContent(), { timeout: UI_TIMEOUT_MS })
        .toBe('$6.00');
      await page.locator('.chart canvas').first().waitFor();
      await screenshot('spend');
      await page.getByLabel('Group by').selectOption('model');
      await page.getByRole('row', { name: /mock\/mock-2/ }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(download.suggestedFilename()).toMatch(/^spend-by-model-.*\.csv$/);
      expect(csv.split('\r\n')).toEqual([
        'model,name,requests,errors,input_tokens,output_tokens,cost_usd',
        'mock/mock-1,mock/mock-1,1,0,900,300,4.75',
        'mock/mock-2,mock/mock-2,1,0,100,50,1.25',
        '',
      ]);
    });

    it('signs out: the page asks for the key again and the old cookie opens nothing', async () => {
      const cookie = (await context.cookies()).find(
        (candidate) => candidate.name === 'hub_dashboard_session',
      );
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Admin key').waitFor();
      const response = await fetch(`${gateway.url}/ui/api/overview`, {
        headers: { cookie: `hub_dashboard_session=${cookie?.value}` },
      });
      expect(response.status).toBe(401);
      await page.reload();
      await page.getByLabel('Admin key').waitFor();
    });
  },
);
