import { ConfigError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { openGovernanceStore } from '../open-governance-store.js';
import { resolveStoreSettings } from './store-settings.js';

describe('resolveStoreSettings', () => {
  it('needs exactly one connection option', () => {
    expect(() => resolveStoreSettings({})).toThrow(/exactly one of url, pool, dataDir or pglite/);
    expect(() => resolveStoreSettings({ url: 'postgres://h/db', dataDir: '/tmp/x' })).toThrow(ConfigError);
  });

  it('names every bad option, and never repeats a URL that may hold a password', () => {
    let error: unknown;
    try {
      resolveStoreSettings({
        url: 'mysql://user:hunter2@host/db',
        schema: 'Bad-Schema',
        failMode: 'maybe' as never,
        flushIntervalMs: 0,
        keyPrefix: 'has space',
      });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isConfigError(error)).toBe(true);
    const issues = (error as ConfigError).issues.map((issue) => issue.path);
    expect(issues).toEqual(['url', 'schema', 'keyPrefix', 'failMode', 'flushIntervalMs']);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('applies the documented defaults', () => {
    expect(resolveStoreSettings({ dataDir: 'memory://' })).toMatchObject({
      schema: 'public',
      failMode: 'closed',
      keyCacheTtlMs: 60_000,
      unnotifiedCacheTtlMs: 500,
      flushIntervalMs: 200,
      maxBufferedEntries: 100_000,
      reservationTtlMs: 900_000,
      keyPrefix: 'sk-hub-',
    });
  });

  it('is checked by openGovernanceStore before any connection is attempted', async () => {
    // port 1 refuses connections: reaching it would fail differently
    await expect(openGovernanceStore({ url: 'postgres://127.0.0.1:1/db', poolSize: 0 })).rejects.toThrow(
      /poolSize/,
    );
  });
});
