import { ConfigError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { validateGatewayConfig } from '../config/load-gateway-config.js';
import { printableConfig } from '../config/printable-config.js';

const base = { providers: [{ type: 'mock' }] };

function issuesOf(raw: unknown, env: Record<string, string> = {}): string[] {
  try {
    validateGatewayConfig(raw, env);
  } catch (error) {
    expect(ConfigError.isConfigError(error)).toBe(true);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  return [];
}

describe('the database and admin sections', () => {
  it('take a URL, an embedded directory, or DATABASE_URL, and default failMode to closed', () => {
    const config = validateGatewayConfig({ ...base, database: { url: 'postgres://u@h:5432/db' } }, {});
    expect(config.database).toEqual({ url: 'postgres://u@h:5432/db', failMode: 'closed' });
    expect(issuesOf({ ...base, database: { embedded: './data' } })).toEqual([]);
    expect(issuesOf({ ...base, database: {} }, { DATABASE_URL: 'postgres://u@h/db' })).toEqual([]);
    expect(issuesOf({ ...base, database: { failMode: 'open' } })).toEqual([
      'database.url: give url or embedded, or set the environment variable DATABASE_URL',
    ]);
    expect(issuesOf({ ...base, database: {} }, { DATABASE_URL: 'mysql://u@h/db' })[0]).toMatch(
      /^database\.url: /,
    );
  });

  it('names every bad field, never repeating a URL', () => {
    const issues = issuesOf({
      ...base,
      database: { url: 'mysql://user:hunter2@host/db', failMode: 'sometimes', poolSize: 0 },
    });
    expect(issues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^database\.url: must be a postgres/)]),
    );
    expect(issues.join('\n')).not.toContain('hunter2');
    expect(issuesOf({ ...base, database: { url: 'postgres://h/db', embedded: 'dir' } })).toEqual([
      'database: give url or embedded, not both',
    ]);
    expect(issuesOf({ ...base, database: { embedded: 'dir', colour: 'blue' } })[0]).toMatch(/^database/);
  });

  it('needs a database, a set and long admin key for the admin API', () => {
    expect(issuesOf({ ...base, admin: { keyEnv: 'HUB_ADMIN_KEY' } })).toEqual([
      'admin: the admin API needs a database section',
      'admin.keyEnv: environment variable HUB_ADMIN_KEY is not set',
    ]);
    expect(
      issuesOf({ ...base, database: { embedded: 'd' }, admin: { keyEnv: 'K' } }, { K: 'short' }),
    ).toEqual(['admin.keyEnv: the admin key in K must be at least 16 characters']);
    expect(
      issuesOf(
        { ...base, database: { embedded: 'd' }, admin: { keyEnv: 'K' } },
        { K: 'a-long-enough-admin-key' },
      ),
    ).toEqual([]);
  });

  it('prints the database URL without its password', () => {
    const config = validateGatewayConfig(
      { ...base, database: { url: 'postgres://hub:hunter2@db.internal:5432/hub' }, admin: { keyEnv: 'K' } },
      { K: 'a-long-enough-admin-key' },
    );
    const printed = printableConfig(config);
    expect(printed['database.url']).toBe('postgres://[REDACTED]@db.internal:5432/hub');
    expect(printed['admin.keyEnv']).toBe('K');
    expect(JSON.stringify(printed)).not.toContain('hunter2');
  });
});
