import { describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../config/gateway-config.js';
import { dashboardAdminKeyEnv, dashboardIssues } from './dashboard-admin-key.js';

const config = (fields: Partial<GatewayConfig>) => ({ dashboard: {}, ...fields }) as GatewayConfig;
const LONG = 'a-long-enough-admin-key';

describe('the dashboard’s admin key', () => {
  it('is the admin API’s when there is one, else dashboard.adminKeyEnv, else HUB_ADMIN_KEY', () => {
    expect(dashboardAdminKeyEnv(config({}))).toBe('HUB_ADMIN_KEY');
    expect(dashboardAdminKeyEnv(config({ dashboard: { adminKeyEnv: 'UI_KEY' } }))).toBe('UI_KEY');
    expect(dashboardAdminKeyEnv(config({ admin: { keyEnv: 'ADMIN_KEY' } }))).toBe('ADMIN_KEY');
  });

  it('refuses a second key next to the admin API’s, an unset named variable and a short key', () => {
    expect(
      dashboardIssues(config({ admin: { keyEnv: 'ADMIN_KEY' }, dashboard: { adminKeyEnv: 'UI_KEY' } }), {
        ADMIN_KEY: LONG,
        UI_KEY: LONG,
      }),
    ).toEqual([
      expect.objectContaining({
        path: 'dashboard.adminKeyEnv',
        message: expect.stringContaining('admin.keyEnv'),
      }),
    ]);
    expect(dashboardIssues(config({ dashboard: { adminKeyEnv: 'UI_KEY' } }), {})).toEqual([
      { path: 'dashboard.adminKeyEnv', message: 'environment variable UI_KEY is not set' },
    ]);
    expect(dashboardIssues(config({}), { HUB_ADMIN_KEY: 'short' })).toEqual([
      expect.objectContaining({
        path: 'dashboard.adminKeyEnv',
        message: expect.stringContaining('at least 16'),
      }),
    ]);
    // an unset default only keeps sign-in closed; the admin section checks its own variable
    expect(dashboardIssues(config({}), {})).toEqual([]);
    expect(dashboardIssues(config({ admin: { keyEnv: 'ADMIN_KEY' } }), {})).toEqual([]);
    expect(dashboardIssues(config({ dashboard: false }), { HUB_ADMIN_KEY: 'short' })).toEqual([]);
  });
});
