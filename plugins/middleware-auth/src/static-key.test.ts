import { ConfigError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { staticKey } from './static-key.js';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV';

describe('staticKey', () => {
  it('sends the key as a bearer token in authorization by default', async () => {
    const credentials = await staticKey({ key: KEY }).getCredentials();
    expect(credentials).toEqual({ headers: { authorization: `Bearer ${KEY}` } });
  });

  it('sends the bare key in other headers, lowercasing the header name', async () => {
    const credentials = await staticKey({ key: KEY, header: 'X-Api-Key' }).getCredentials();
    expect(credentials.headers).toEqual({ 'x-api-key': KEY });
  });

  it('honours an explicit scheme, and null for none', async () => {
    expect((await staticKey({ key: KEY, scheme: 'Token' }).getCredentials()).headers).toEqual({
      authorization: `Token ${KEY}`,
    });
    expect((await staticKey({ key: KEY, scheme: null }).getCredentials()).headers).toEqual({
      authorization: KEY,
    });
  });

  it('returns the same credentials for a forced refresh (nothing to refresh)', async () => {
    const provider = staticKey({ key: KEY });
    expect(await provider.getCredentials({ forceRefresh: true })).toBe(await provider.getCredentials());
  });

  it('rejects bad options with a ConfigError naming the field and never quoting the key', () => {
    const attempts: Array<[() => unknown, string]> = [
      [() => staticKey({ key: '' }), 'key'],
      [() => staticKey({ key: '   ' }), 'key'],
      [() => staticKey({ key: `${KEY}\r\nx-evil: 1` }), 'key'],
      [() => staticKey({ key: KEY, header: 'bad header' }), 'header'],
      [() => staticKey({ key: KEY, scheme: 'Bear er' }), 'scheme'],
    ];
    for (const [attempt, path] of attempts) {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(ConfigError.isConfigError(thrown)).toBe(true);
      expect((thrown as ConfigError).path).toBe(path);
      expect((thrown as Error).message).not.toContain(KEY);
    }
  });
});
