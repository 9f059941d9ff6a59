import type { ConfigIssue } from '@hub/core';
import type { GatewayConfig } from '../config/gateway-config.js';

/** The variable the dashboard reads its admin key from when the config names none. */
export const DEFAULT_ADMIN_KEY_ENV = 'HUB_ADMIN_KEY';
/** Shortest admin key the dashboard accepts: whoever holds it sees and changes everything. */
export const MIN_DASHBOARD_ADMIN_KEY_LENGTH = 16;

/**
 * Name of the environment variable holding the dashboard's admin key: the admin API's
 * (`admin.keyEnv`) when it is configured, so one key opens both; else `dashboard.adminKeyEnv`,
 * else `HUB_ADMIN_KEY`.
 */
export function dashboardAdminKeyEnv(config: GatewayConfig): string {
  const dashboard = config.dashboard;
  return (
    config.admin?.keyEnv ?? (dashboard === false ? undefined : dashboard.adminKeyEnv) ?? DEFAULT_ADMIN_KEY_ENV
  );
}

/**
 * What the schema cannot see about `dashboard`: a named variable must be set, and the key it
 * holds (named or the default `HUB_ADMIN_KEY`) must not be guessably short. An unset default only
 * leaves sign-in closed (the page says which variable to set). Never repeats the key.
 */
export function dashboardIssues(
  config: GatewayConfig,
  env: Readonly<Record<string, string | undefined>>,
): ConfigIssue[] {
  if (config.dashboard === false) return [];
  const named = config.dashboard.adminKeyEnv;
  // the dashboard calls the admin API with its key: two different keys could never work together
  if (config.admin !== undefined && named !== undefined && named !== config.admin.keyEnv) {
    return [
      {
        path: 'dashboard.adminKeyEnv',
        message: `the dashboard signs in with the admin API's key (admin.keyEnv: ${config.admin.keyEnv}); leave this out`,
      },
    ];
  }
  // the admin section's own checks cover its variable
  if (config.admin !== undefined) return [];
  const name = dashboardAdminKeyEnv(config);
  const key = env[name];
  if (!key) {
    return config.dashboard.adminKeyEnv === undefined
      ? []
      : [{ path: 'dashboard.adminKeyEnv', message: `environment variable ${name} is not set` }];
  }
  if (key.length < MIN_DASHBOARD_ADMIN_KEY_LENGTH) {
    return [
      {
        path: 'dashboard.adminKeyEnv',
        message: `the admin key in ${name} must be at least ${MIN_DASHBOARD_ADMIN_KEY_LENGTH} characters`,
      },
    ];
  }
  return [];
}
