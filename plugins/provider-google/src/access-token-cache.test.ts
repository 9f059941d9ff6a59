import { ConnectorError } from '@hub/core';
import { describe, expect, it, vi } from 'vitest';
import { AccessTokenCache } from './access-token-cache.js';
import type { AccessToken, TokenProvider } from './token-provider.js';

interface Deferred {
  readonly promise: Promise<AccessToken>;
  resolve(token: AccessToken): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve: (token: AccessToken) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<AccessToken>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('AccessTokenCache', () => {
  it('refreshes only when less than the margin is left', async () => {
    let clock = 0;
    let serial = 0;
    const provider = vi.fn<TokenProvider>(async () => ({
      token: `t${++serial}`,
      expiresAt: clock + 600_000,
    }));
    const cache = new AccessTokenCache(provider, { providerId: 'google-vertex', now: () => clock });
    expect(await cache.get()).toBe('t1');
    clock = 539_999; // 60.001 s left
    expect(await cache.get()).toBe('t1');
    clock = 540_000; // exactly 60 s left: refresh
    expect(await cache.get()).toBe('t2');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('shares one fetch between concurrent callers', async () => {
    const pending = deferred();
    const provider = vi.fn<TokenProvider>(() => pending.promise);
    const cache = new AccessTokenCache(provider, { providerId: 'google-vertex' });
    const waiting = [cache.get(), cache.get(), cache.get()];
    pending.resolve({ token: 'shared', expiresAt: Date.now() + 3_600_000 });
    expect(await Promise.all(waiting)).toEqual(['shared', 'shared', 'shared']);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('lets one caller give up without failing the others, and aborts the fetch when all gave up', async () => {
    const pending = deferred();
    let fetchSignal: AbortSignal | undefined;
    const cache = new AccessTokenCache(
      (signal) => {
        fetchSignal = signal;
        return pending.promise;
      },
      { providerId: 'google-vertex' },
    );
    const leaving = new AbortController();
    const first = cache.get(leaving.signal);
    const second = cache.get();
    leaving.abort();
    expect((await failure(first)).code).toBe('cancelled');
    expect(fetchSignal?.aborted).toBe(false);
    pending.resolve({ token: 'kept', expiresAt: Date.now() + 3_600_000 });
    expect(await second).toBe('kept');

    const never = deferred();
    const abandoned = new AccessTokenCache(
      (signal) => {
        fetchSignal = signal;
        return never.promise;
      },
      { providerId: 'google-vertex' },
    );
    const only = new AbortController();
    const call = abandoned.get(only.signal);
    only.abort();
    expect((await failure(call)).code).toBe('cancelled');
    expect(fetchSignal?.aborted).toBe(true);
  });

  it('rejects at once with cancelled for an already aborted signal, without fetching', async () => {
    const provider = vi.fn<TokenProvider>();
    const cache = new AccessTokenCache(provider, { providerId: 'google-vertex' });
    const error = await failure(cache.get(AbortSignal.abort()));
    expect(error.code).toBe('cancelled');
    expect(provider).not.toHaveBeenCalled();
  });

  it('turns a failed fetch into authentication, retryable only for network failures', async () => {
    const cache = new AccessTokenCache(
      async () => {
        throw new Error('invalid_grant: account disabled');
      },
      { providerId: 'google-vertex' },
    );
    expect(await failure(cache.get())).toMatchObject({ code: 'authentication', retryable: false });
    const offline = new AccessTokenCache(
      async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 169.254.169.254:80'), { code: 'ECONNREFUSED' });
      },
      { providerId: 'google-vertex' },
    );
    expect(await failure(offline.get())).toMatchObject({ code: 'authentication', retryable: true });
  });

  it('fetches again after a failure (failures are not cached)', async () => {
    let attempts = 0;
    const cache = new AccessTokenCache(
      async () => {
        attempts++;
        if (attempts === 1) throw new Error('transient');
        return { token: 'second-try', expiresAt: Date.now() + 3_600_000 };
      },
      { providerId: 'google-vertex' },
    );
    expect((await failure(cache.get())).code).toBe('authentication');
    expect(await cache.get()).toBe('second-try');
  });

  it('keeps using a still-valid token when its early refresh fails', async () => {
    let clock = 0;
    let attempts = 0;
    const cache = new AccessTokenCache(
      async () => {
        attempts++;
        if (attempts > 1) throw new Error('token endpoint down');
        return { token: 'old', expiresAt: 100_000 };
      },
      { providerId: 'google-vertex', now: () => clock },
    );
    expect(await cache.get()).toBe('old');
    clock = 50_000; // 50 s left: refresh attempted, fails, old one still valid
    expect(await cache.get()).toBe('old');
    clock = 100_000; // expired: the failure surfaces
    expect((await failure(cache.get())).code).toBe('authentication');
  });

  it('rejects a token provider answer without a token or an expiry', async () => {
    const cache = new AccessTokenCache(async () => ({ token: '', expiresAt: Date.now() }) as AccessToken, {
      providerId: 'google-vertex',
    });
    expect((await failure(cache.get())).message).toMatch(/no usable token/);
    const noExpiry = new AccessTokenCache(async () => ({ token: 'x' }) as unknown as AccessToken, {
      providerId: 'google-vertex',
    });
    expect((await failure(noExpiry.get())).code).toBe('authentication');
  });

  it('gives up on a fetch that takes longer than fetchTimeoutMs, aborting its signal', async () => {
    let fetchSignal: AbortSignal | undefined;
    const cache = new AccessTokenCache(
      (signal) => {
        fetchSignal = signal;
        return new Promise<AccessToken>(() => undefined);
      },
      { providerId: 'google-vertex', fetchTimeoutMs: 20 },
    );
    const error = await failure(cache.get());
    expect(error.code).toBe('timeout');
    expect(fetchSignal?.aborted).toBe(true);
  });

  it('forgets a rejected token only if it is still the cached one', async () => {
    let serial = 0;
    const cache = new AccessTokenCache(
      async () => ({ token: `t${++serial}`, expiresAt: Date.now() + 3_600_000 }),
      {
        providerId: 'google-vertex',
      },
    );
    expect(await cache.get()).toBe('t1');
    cache.invalidate('some-other-token');
    expect(await cache.get()).toBe('t1');
    cache.invalidate('t1');
    expect(await cache.get()).toBe('t2');
  });
});
