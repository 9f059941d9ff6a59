import { ConfigError, ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { type FetchedToken, refreshingToken } from './refreshing-token.js';

const MINUTE = 60_000;

/** A token endpoint the test answers by hand, counting fetches and keeping their signals. */
function controlledEndpoint() {
  const pending: Array<{
    signal: AbortSignal;
    resolve: (token: FetchedToken) => void;
    reject: (error: unknown) => void;
  }> = [];
  return {
    pending,
    fetchToken: (signal: AbortSignal) =>
      new Promise<FetchedToken>((resolve, reject) => {
        pending.push({ signal, resolve, reject });
      }),
  };
}

/** Lets every already-queued promise continuation run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('refreshingToken', () => {
  it('fetches on first use and serves the cached token while it is fresh', async () => {
    let time = 1_000_000;
    let fetches = 0;
    const provider = refreshingToken({
      now: () => time,
      fetchToken: async () => ({ token: `token-${++fetches}`, expiresInMs: 10 * MINUTE }),
    });
    const first = await provider.getCredentials();
    expect(first).toEqual({
      headers: { authorization: 'Bearer token-1' },
      expiresAt: 1_000_000 + 10 * MINUTE,
    });
    time += 5 * MINUTE;
    expect(await provider.getCredentials()).toBe(first);
    expect(fetches).toBe(1);
  });

  it('refreshes refreshBeforeMs before expiry, measured on the injected clock', async () => {
    let time = 0;
    let fetches = 0;
    const provider = refreshingToken({
      now: () => time,
      refreshBeforeMs: MINUTE,
      fetchToken: async () => ({ token: `token-${++fetches}`, expiresInMs: 10 * MINUTE }),
    });
    await provider.getCredentials();
    time = 9 * MINUTE - 1;
    expect((await provider.getCredentials()).headers.authorization).toBe('Bearer token-1');
    time = 9 * MINUTE;
    expect((await provider.getCredentials()).headers.authorization).toBe('Bearer token-2');
    expect(fetches).toBe(2);
    // the new token's lifetime starts when its fetch started
    expect((await provider.getCredentials()).expiresAt).toBe(19 * MINUTE);
  });

  it('accepts an absolute expiresAt', async () => {
    let time = 0;
    let fetches = 0;
    const provider = refreshingToken({
      now: () => time,
      refreshBeforeMs: 0,
      fetchToken: async () => ({ token: `token-${++fetches}`, expiresAt: 5_000 }),
    });
    await provider.getCredentials();
    time = 4_999;
    await provider.getCredentials();
    expect(fetches).toBe(1);
    time = 5_000;
    await provider.getCredentials();
    expect(fetches).toBe(2);
  });

  it('coalesces concurrent callers into one in-flight fetch', async () => {
    const endpoint = controlledEndpoint();
    const provider = refreshingToken({ fetchToken: endpoint.fetchToken });
    const waiting = Array.from({ length: 25 }, (_, index) =>
      provider.getCredentials({ forceRefresh: index % 2 === 0 }),
    );
    await settle();
    expect(endpoint.pending).toHaveLength(1);
    endpoint.pending[0]?.resolve({ token: 'shared', expiresInMs: 10 * MINUTE });
    const results = await Promise.all(waiting);
    expect(new Set(results).size).toBe(1);
    expect(results[0]?.headers.authorization).toBe('Bearer shared');
  });

  it('fetches again when forced, even while the cached token is fresh', async () => {
    let fetches = 0;
    const provider = refreshingToken({
      fetchToken: async () => ({ token: `token-${++fetches}`, expiresInMs: 10 * MINUTE }),
    });
    await provider.getCredentials();
    expect((await provider.getCredentials({ forceRefresh: true })).headers.authorization).toBe(
      'Bearer token-2',
    );
  });

  it('keeps serving a still-valid token when an early refresh fails, and fails once it expired', async () => {
    let time = 0;
    let fail = false;
    const provider = refreshingToken({
      now: () => time,
      refreshBeforeMs: MINUTE,
      fetchToken: async () => {
        if (fail) throw new Error('token endpoint returned 503');
        return { token: 'first', expiresInMs: 10 * MINUTE };
      },
    });
    const first = await provider.getCredentials();
    fail = true;
    time = 9.5 * MINUTE;
    expect(await provider.getCredentials()).toBe(first);
    time = 10 * MINUTE;
    const failure = await provider.getCredentials().catch((error: unknown) => error);
    expect(ConnectorError.isInstance(failure)).toBe(true);
    expect((failure as ConnectorError).code).toBe('authentication');
    expect((failure as Error).message).toBe('Fetching a token failed: token endpoint returned 503');
  });

  it('never puts a secret from the fetch failure into the error, and drops the cause', async () => {
    let fetches = 0;
    const provider = refreshingToken({
      fetchToken: async () => {
        fetches++;
        if (fetches === 1)
          return { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl', expiresInMs: 0 };
        throw new Error(
          'invalid_client: client_secret=s3cr3t-client-value; previous eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl, Authorization: Bearer abcdefghijklmnop',
        );
      },
    });
    await provider.getCredentials();
    const failure = (await provider.getCredentials().catch((error: unknown) => error)) as ConnectorError;
    const everything = `${failure.message} ${JSON.stringify(failure)} ${failure.stack} ${String(failure.cause)}`;
    for (const secret of ['s3cr3t-client-value', 'c2lnbmF0dXJl', 'abcdefghijklmnop']) {
      expect(everything).not.toContain(secret);
    }
    expect(failure.cause).toBeUndefined();
    expect(failure.message).toContain('client_secret=[REDACTED]');
  });

  it('keeps transport error codes of the token endpoint so retry middleware may retry them', async () => {
    const provider = refreshingToken({
      fetchToken: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
      },
    });
    const failure = (await provider.getCredentials().catch((error: unknown) => error)) as ConnectorError;
    expect(failure.code).toBe('network');
    expect(failure.retryable).toBe(true);
  });

  it('rejects a fetch result without a usable token or expiry, without quoting it', async () => {
    const results: unknown[] = [
      { token: '', expiresInMs: 1000 },
      { token: 'line\nbreak-secret', expiresInMs: 1000 },
      { token: 'no-expiry-secret' },
      { token: 'nan-secret', expiresInMs: Number.NaN },
      undefined,
    ];
    for (const result of results) {
      const provider = refreshingToken({ fetchToken: async () => result as FetchedToken });
      const failure = (await provider.getCredentials().catch((error: unknown) => error)) as ConnectorError;
      expect(failure.code).toBe('authentication');
      expect(failure.message).not.toMatch(/secret/);
    }
  });

  it('lets one caller give up without cancelling the fetch others wait for', async () => {
    const endpoint = controlledEndpoint();
    const provider = refreshingToken({ fetchToken: endpoint.fetchToken });
    const leaving = new AbortController();
    const impatient = provider.getCredentials({ signal: leaving.signal });
    const patient = provider.getCredentials();
    await settle();
    leaving.abort();
    await expect(impatient).rejects.toMatchObject({ code: 'cancelled' });
    expect(endpoint.pending[0]?.signal.aborted).toBe(false);
    endpoint.pending[0]?.resolve({ token: 'late', expiresInMs: MINUTE * 10 });
    expect((await patient).headers.authorization).toBe('Bearer late');
  });

  it('aborts the fetch when every caller gave up, and starts a new one for the next caller', async () => {
    const endpoint = controlledEndpoint();
    const provider = refreshingToken({ fetchToken: endpoint.fetchToken });
    const first = new AbortController();
    const second = new AbortController();
    const waits = [
      provider.getCredentials({ signal: first.signal }),
      provider.getCredentials({ signal: second.signal }),
    ];
    await settle();
    first.abort();
    second.abort(new DOMException('deadline', 'TimeoutError'));
    // core's one abort error, saying what was being waited for
    await expect(waits[0]).rejects.toMatchObject({
      code: 'cancelled',
      message: 'The request was cancelled while waiting for credentials.',
    });
    await expect(waits[1]).rejects.toMatchObject({
      code: 'timeout',
      message: 'The request timed out while waiting for credentials.',
    });
    expect(endpoint.pending[0]?.signal.aborted).toBe(true);
    endpoint.pending[0]?.reject(new DOMException('aborted', 'AbortError'));

    const next = provider.getCredentials();
    await settle();
    expect(endpoint.pending).toHaveLength(2);
    endpoint.pending[1]?.resolve({ token: 'fresh', expiresInMs: MINUTE * 10 });
    expect((await next).headers.authorization).toBe('Bearer fresh');
  });

  it('rejects at once when the signal is already aborted', async () => {
    let fetches = 0;
    const provider = refreshingToken({
      fetchToken: async () => ({ token: `token-${++fetches}`, expiresInMs: MINUTE }),
    });
    await expect(provider.getCredentials({ signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(fetches).toBe(0);
  });

  it('validates its options when created', () => {
    const fetchToken = async () => ({ token: 't', expiresInMs: 1 });
    const cases: Array<[() => unknown, string]> = [
      [() => refreshingToken({} as never), 'fetchToken'],
      [() => refreshingToken({ fetchToken, refreshBeforeMs: -1 }), 'refreshBeforeMs'],
      [() => refreshingToken({ fetchToken, refreshBeforeMs: Number.POSITIVE_INFINITY }), 'refreshBeforeMs'],
      [() => refreshingToken({ fetchToken, header: 'x y' }), 'header'],
      [() => refreshingToken({ fetchToken, now: 5 as never }), 'now'],
    ];
    for (const [create, path] of cases) {
      let thrown: unknown;
      try {
        create();
      } catch (error) {
        thrown = error;
      }
      expect(ConfigError.isConfigError(thrown)).toBe(true);
      expect((thrown as ConfigError).path).toBe(path);
    }
  });
});
