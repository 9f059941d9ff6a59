import { ConfigError } from '@hub/core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { validateGatewayConfig } from '../config/load-gateway-config.js';
import { buildGatewayHub } from '../hub/build-gateway-hub.js';
import { createResponseStore } from './create-response-store.js';

const logger = pino({ level: 'silent' });
const config = (extra: Record<string, unknown> = {}) =>
  validateGatewayConfig({ providers: [{ type: 'mock' }], ...extra }, {});
const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379' };

describe('createResponseStore', () => {
  it('keeps responses in memory unless Redis is configured, with the documented defaults', async () => {
    const defaults = config();
    expect(defaults.responses).toEqual({ ttlMs: 86_400_000, maxEntries: 10_000, maxBytes: 67_108_864 });
    const store = createResponseStore(defaults, undefined);
    expect([store.kind, store.ttlMs]).toEqual(['memory', 86_400_000]);
    await store.close();
  });

  it('uses the gateway’s Redis part when Redis is configured, unless responses.store says memory', async () => {
    const redisConfig = config({ responses: { ttlMs: 7_000 } });
    const gateway = await buildGatewayHub(redisConfig, REDIS, logger);
    const pinnedConfig = config({ responses: { store: 'memory', ttlMs: 5_000 } });
    const pinnedGateway = await buildGatewayHub(pinnedConfig, REDIS, logger);
    try {
      const store = createResponseStore(redisConfig, gateway.redis);
      expect([store.kind, store.ttlMs]).toEqual(['redis', 7_000]);
      expect(gateway.redis?.components.map((component) => component.name)).toContain('responses');
      const pinned = createResponseStore(pinnedConfig, pinnedGateway.redis);
      expect([pinned.kind, pinned.ttlMs]).toEqual(['memory', 5_000]);
      expect(pinnedGateway.redis?.responses).toBeUndefined();
    } finally {
      for (const built of [gateway, pinnedGateway]) {
        await built.hub.close();
        await built.redis?.close();
        await built.keyLimiter.close?.();
      }
    }
  });

  it('refuses store: redis without a Redis, naming the field', () => {
    expect(() => createResponseStore(config({ responses: { store: 'redis' } }), undefined)).toThrow(
      ConfigError,
    );
    expect(() => createResponseStore(config({ responses: { store: 'redis' } }), undefined)).toThrow(
      /responses\.store/,
    );
  });
});
