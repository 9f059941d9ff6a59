import type { ConfigIssue } from '@hub/core';
import type { GatewayConfig } from '../config/gateway-config.js';

/** Shortest admin key accepted. */
export const MIN_ADMIN_KEY_LENGTH = 16;

/**
 * What the schema cannot see about the `database` and `admin` sections: a database to connect
 * to (`url`, `embedded` or `DATABASE_URL`), the admin key's variable being set, and the admin API
 * having a database to administer. Never repeats a URL or a key.
 */
export function governanceIssues(
  config: GatewayConfig,
  env: Readonly<Record<string, string | undefined>>,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const database = config.database;
  if (database !== undefined && database.url === undefined && database.embedded === undefined) {
    const fromEnv = env.DATABASE_URL;
    if (!fromEnv) {
      issues.push({
        path: 'database.url',
        message: 'give url or embedded, or set the environment variable DATABASE_URL',
      });
    } else if (!/^postgres(ql)?:\/\//.test(fromEnv)) {
      issues.push({
        path: 'database.url',
        message: 'the environment variable DATABASE_URL must be a postgres:// or postgresql:// URL',
      });
    }
  }
  if (config.admin !== undefined) {
    if (database === undefined) {
      issues.push({ path: 'admin', message: 'the admin API needs a database section' });
    }
    const adminKey = env[config.admin.keyEnv];
    if (!adminKey) {
      issues.push({
        path: 'admin.keyEnv',
        message: `environment variable ${config.admin.keyEnv} is not set`,
      });
    } else if (adminKey.length < MIN_ADMIN_KEY_LENGTH) {
      // whoever holds it creates keys and budgets: it must not be guessable
      issues.push({
        path: 'admin.keyEnv',
        message: `the admin key in ${config.admin.keyEnv} must be at least ${MIN_ADMIN_KEY_LENGTH} characters`,
      });
    }
  }
  return issues;
}
