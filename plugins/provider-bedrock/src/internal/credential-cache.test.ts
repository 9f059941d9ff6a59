import { ConnectorError } from '@hub/core';
import { describe, expect, it, vi } from 'vitest';
import type { AwsCredentials } from '../aws-credentials.js';
import { CredentialCache, REFRESH_MARGIN_MS } from './credential-cache.js';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const MINUTE = 60_000;

const credentials = (name: string, expiresInMs?: number): AwsCredentials => ({
  accessKeyId: `AKID${name}`,
  secretAccessKey: `secret-${name}`,
  sessionToken: `token-${name}`,
  ...(expiresInMs !== undefined && { expiration: new Date(NOW + expiresInMs) }),
});

describe('CredentialCache', () => {
  it('reuses credentials until less than five minutes are left, then refreshes', async () => {
    let now = NOW;
    const load = vi
      .fn<() => Promise<AwsCredentials>>()
      .mockResolvedValueOnce(credentials('one', 10 * MINUTE))
      .mockResolvedValueOnce(credentials('two', 60 * MINUTE));
    const cache = new CredentialCache(load, () => now);
    expect((await cache.get()).accessKeyId).toBe('AKIDone');
    now = NOW + 10 * MINUTE - REFRESH_MARGIN_MS - 1;
    expect((await cache.get()).accessKeyId).toBe('AKIDone');
    now = NOW + 10 * MINUTE - REFRESH_MARGIN_MS + 1;
    expect((await cache.get()).accessKeyId).toBe('AKIDtwo');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('never refreshes credentials without an expiration', async () => {
    const load = vi.fn(async () => credentials('static'));
    const cache = new CredentialCache(load, () => NOW + 365 * 24 * 60 * MINUTE);
    await cache.get();
    await cache.get();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('coalesces concurrent refreshes into one provider call', async () => {
    let release: ((value: AwsCredentials) => void) | undefined;
    const load = vi.fn(
      () =>
        new Promise<AwsCredentials>((resolve) => {
          release = resolve;
        }),
    );
    const cache = new CredentialCache(load, () => NOW);
    const waiting = [cache.get(), cache.get(), cache.get()];
    release?.(credentials('shared', 60 * MINUTE));
    const results = await Promise.all(waiting);
    expect(new Set(results.map((result) => result.accessKeyId))).toEqual(new Set(['AKIDshared']));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps using still-valid credentials when a refresh fails, and fails once they expired', async () => {
    let now = NOW;
    const load = vi
      .fn<() => Promise<AwsCredentials>>()
      .mockResolvedValueOnce(credentials('old', 6 * MINUTE))
      .mockRejectedValue(new Error('STS is unreachable'));
    const cache = new CredentialCache(load, () => now);
    await cache.get();
    now = NOW + 2 * MINUTE;
    expect((await cache.get()).accessKeyId).toBe('AKIDold');
    now = NOW + 7 * MINUTE;
    const error: unknown = await cache.get().catch((thrown: unknown) => thrown);
    expect(ConnectorError.isInstance(error) && error.code).toBe('authentication');
    expect((error as ConnectorError).message).toContain('STS is unreachable');
  });

  it('rejects credentials without keys, never echoing what the provider returned', async () => {
    const cache = new CredentialCache(async () => ({ accessKeyId: 'AKIDhalf', secretAccessKey: '' }));
    const error = (await cache.get().catch((thrown: unknown) => thrown)) as ConnectorError;
    expect(error).toMatchObject({ code: 'authentication' });
    expect(error.message).not.toContain('AKIDhalf');
  });

  it('rejects a waiting caller on abort while the shared refresh goes on for the others', async () => {
    let release: ((value: AwsCredentials) => void) | undefined;
    const load = vi.fn(
      () =>
        new Promise<AwsCredentials>((resolve) => {
          release = resolve;
        }),
    );
    const cache = new CredentialCache(load, () => NOW);
    const controller = new AbortController();
    const aborted = cache.get(controller.signal);
    const patient = cache.get();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'cancelled' });
    release?.(credentials('late'));
    expect((await patient).accessKeyId).toBe('AKIDlate');
  });

  it('asks the provider again after invalidate', async () => {
    const load = vi.fn(async () => credentials('again'));
    const cache = new CredentialCache(load, () => NOW);
    await cache.get();
    cache.invalidate();
    await cache.get();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('accepts an expiration given as epoch milliseconds', async () => {
    let now = NOW;
    const load = vi
      .fn<() => Promise<unknown>>()
      .mockResolvedValueOnce({ accessKeyId: 'AKIDms', secretAccessKey: 's', expiration: NOW + 4 * MINUTE })
      .mockResolvedValueOnce(credentials('next'));
    const cache = new CredentialCache(load, () => now);
    expect((await cache.get()).expiration?.getTime()).toBe(NOW + 4 * MINUTE);
    now += 1;
    expect((await cache.get()).accessKeyId).toBe('AKIDnext');
  });
});
