import { ConfigError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { envKey } from './env-key.js';

const KEY = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH';

describe('envKey', () => {
  it('reads the variable at call time, so a rotated key is used by the next call', async () => {
    const env: Record<string, string | undefined> = {};
    const provider = envKey({ variable: 'ANTHROPIC_API_KEY', header: 'x-api-key', env });
    env.ANTHROPIC_API_KEY = KEY;
    expect((await provider.getCredentials()).headers).toEqual({ 'x-api-key': KEY });
    env.ANTHROPIC_API_KEY = `${KEY}-rotated`;
    expect((await provider.getCredentials()).headers).toEqual({ 'x-api-key': `${KEY}-rotated` });
  });

  it('trims the value and returns the same object while it is unchanged', async () => {
    const env = { OPENAI_API_KEY: `  ${KEY}\n` };
    const provider = envKey({ variable: 'OPENAI_API_KEY', env });
    const first = await provider.getCredentials();
    expect(first.headers).toEqual({ authorization: `Bearer ${KEY}` });
    expect(await provider.getCredentials()).toBe(first);
  });

  it('reads process.env by default', async () => {
    const variable = `HUB_AUTH_TEST_${process.pid}`;
    process.env[variable] = KEY;
    try {
      expect((await envKey({ variable }).getCredentials()).headers.authorization).toBe(`Bearer ${KEY}`);
    } finally {
      delete process.env[variable];
    }
  });

  it('rejects with a ConfigError naming the variable when it is missing or blank', async () => {
    for (const env of [{}, { OPENAI_API_KEY: '   ' }]) {
      const failure = await envKey({ variable: 'OPENAI_API_KEY', env })
        .getCredentials()
        .catch((error: unknown) => error);
      expect(ConfigError.isConfigError(failure)).toBe(true);
      expect((failure as ConfigError).path).toBe('OPENAI_API_KEY');
      expect((failure as Error).message).toBe(
        'Environment variable OPENAI_API_KEY is not set; it must hold the API key.',
      );
    }
  });

  it('rejects a value with an inner line break without quoting it', async () => {
    const failure = await envKey({ variable: 'OPENAI_API_KEY', env: { OPENAI_API_KEY: `${KEY}\nx: y` } })
      .getCredentials()
      .catch((error: unknown) => error as Error);
    expect(ConfigError.isConfigError(failure)).toBe(true);
    expect(String(failure)).not.toContain(KEY);
  });

  it('validates its options when created', () => {
    expect(() => envKey({ variable: 'not a name' })).toThrow(/"variable"/);
    expect(() => envKey({ variable: 'OK', header: 'a b' })).toThrow(/"header"/);
  });
});
