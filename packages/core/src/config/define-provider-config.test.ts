import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import { defineProviderConfig, flattenConfig } from './define-provider-config.js';

const config = defineProviderConfig({
  providerId: 'demo',
  schema: z.object({
    apiKey: z.string().min(1, 'is required'),
    baseUrl: z.string().url().default('https://api.example.com/v1'),
    timeoutSecs: z.number().positive().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  env: [
    { name: 'DEMO_API_KEY', field: 'apiKey', type: 'string', secret: true, description: 'API key' },
    { name: 'DEMO_TIMEOUT_SECS', field: 'timeoutSecs', type: 'number', description: 'timeout' },
  ],
});

describe('defineProviderConfig', () => {
  it('validates and applies defaults', () => {
    expect(config.validate({ apiKey: 'k' })).toEqual({ apiKey: 'k', baseUrl: 'https://api.example.com/v1' });
  });

  it('names every failing field in one ConfigError', () => {
    let error: unknown;
    try {
      config.validate({ apiKey: '', baseUrl: 'not a url', timeoutSecs: -1 });
    } catch (thrown) {
      error = thrown;
    }
    expect(ConfigError.isConfigError(error)).toBe(true);
    expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual([
      'apiKey',
      'baseUrl',
      'timeoutSecs',
    ]);
  });

  it('reports the same issues without throwing through check', () => {
    expect(config.check({ apiKey: 'k' })).toEqual({ ok: true });
    expect(config.check({ apiKey: '', baseUrl: 'x' })).toEqual({
      ok: false,
      issues: [expect.objectContaining({ path: 'apiKey' }), expect.objectContaining({ path: 'baseUrl' })],
    });
  });

  it('reads documented env vars, treating empty values as unset', () => {
    expect(config.fromEnv({ DEMO_API_KEY: 'sk-demo', DEMO_TIMEOUT_SECS: '30' })).toEqual({
      apiKey: 'sk-demo',
      timeoutSecs: 30,
    });
    expect(config.fromEnv({ DEMO_API_KEY: '  ' })).toEqual({});
  });

  it('redacts secrets and secret-looking fields in the config map', () => {
    const map = config.toConfigMap({
      apiKey: 'sk-live-123456',
      baseUrl: 'https://x',
      headers: { authorization: 'Bearer abc', 'x-trace': 'on' },
    });
    expect(map).toEqual({
      apiKey: '[REDACTED]',
      baseUrl: 'https://x',
      'headers.authorization': '[REDACTED]',
      'headers.x-trace': 'on',
    });
    expect(JSON.stringify(map)).not.toContain('sk-live');
  });

  it('shows variable names and masks credentials inside URLs in the config map', () => {
    const map = flattenConfig({
      apiKeyEnv: 'OPENAI_API_KEY',
      redis: { url: 'redis://:hunter2-secret@cache:6379' },
      database: { url: 'postgres://hub:pa55word@db/hub' },
    });
    expect(map).toEqual({
      apiKeyEnv: 'OPENAI_API_KEY',
      'redis.url': 'redis://[REDACTED]@cache:6379',
      'database.url': 'postgres://[REDACTED]@db/hub',
    });
  });

  it('resolves explicit options over the environment and validates once', () => {
    const env = { DEMO_API_KEY: 'from-env', DEMO_TIMEOUT_SECS: '30' };
    expect(config.resolve({ apiKey: undefined, timeoutSecs: 5 }, env)).toEqual({
      apiKey: 'from-env',
      baseUrl: 'https://api.example.com/v1',
      timeoutSecs: 5,
    });
    expect(() => config.resolve({}, {})).toThrow(ConfigError);
    expect(() => config.resolve(null as unknown as object, {})).toThrow(ConfigError);
    const failure = (() => {
      try {
        config.resolve({ baseUrl: 'not a url' }, {});
      } catch (error) {
        return error as ConfigError;
      }
      return undefined;
    })();
    expect(failure?.issues.map((issue) => issue.path).sort()).toEqual(['apiKey', 'baseUrl']);
  });
});
