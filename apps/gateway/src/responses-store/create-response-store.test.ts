import { ConfigError } from '@hub/core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { validateGatewayConfig } from '../config/load-gateway-config.js';
import { createResponseStore } from './create-response-store.js';

const logger = pino({ level: 'silent' });
const config = (extra: Record<string, unknown> = {}) =>
  validateGatewayConfig({ providers: [{ type: 'mock' }], ...extra }, {});

describe('createResponseStore', () => {
  it('keeps responses in memory unless Redis is configured, with the documented defaults', async () => {
    const defaults = config();
    expect(defaults.responses).toEqual({ ttlMs: 86_400_000, maxEntries: 10_000, maxBytes: 67_108_864 });
    const store = createResponseStore(defaults, {}, logger);
    expect([store.kind, store.ttlMs]).toEqual(['memory', 86_400_000]);
    await store.close();
  });

  it('follows Redis when it is configured, unless responses.store says memory', async () => {
    const viaEnv = createResponseStore(config(), { REDIS_URL: 'redis://127.0.0.1:6379' }, logger);
    const viaConfig = createResponseStore(config({ redis: { url: 'redis://127.0.0.1:6379' } }), {}, logger);
    const pinned = createResponseStore(
      config({ responses: { store: 'memory', ttlMs: 5_000 } }),
      { REDIS_URL: 'redis://127.0.0.1:6379' },
      logger,
    );
    expect([viaEnv.kind, viaConfig.kind, pinned.kind, pinned.ttlMs]).toEqual([
      'redis',
      'redis',
      'memory',
      5_000,
    ]);
    await Promise.all([viaEnv.close(), viaConfig.close(), pinned.close()]);
  });

  it('refuses store: redis without a Redis, naming the field', () => {
    expect(() => createResponseStore(config({ responses: { store: 'redis' } }), {}, logger)).toThrow(
      ConfigError,
    );
    expect(() => createResponseStore(config({ responses: { store: 'redis' } }), {}, logger)).toThrow(
      /responses\.store/,
    );
  });
});
