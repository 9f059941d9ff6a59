import {
  type CompletionRequest,
  ConfigError,
  ConnectorError,
  createHub,
  type Middleware,
  type MiddlewareContext,
  type StreamChunk,
} from '@hub/core';
import { describe, expect, it } from 'vitest';
import { auth } from './auth.js';
import { authPlugin } from './auth-plugin.js';
import type { CredentialsProvider } from './credentials-provider.js';
import { envKey } from './env-key.js';
import { refreshingToken } from './refreshing-token.js';
import { staticKey } from './static-key.js';
import { createRecordingProvider, unauthorized } from './test-support/create-recording-provider.js';

const OPENAI_KEY = `sk-proj-${'a1B2c3D4e5'.repeat(4)}f6G7h8J9`;
const ANTHROPIC_KEY = 'sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbA-zyxwvu';

const request = (model: string): CompletionRequest => ({
  model,
  messages: [{ role: 'user', content: 'Hello' }],
});

/** Lets queued continuations and one macrotask turn run. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Collects every string an error exposes: message, JSON form, stack and causes. */
function everythingIn(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(String(current));
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? '', JSON.stringify(current));
      current = current.cause;
    } else {
      parts.push(JSON.stringify(current));
      current = undefined;
    }
  }
  return parts.join('\n');
}

describe('auth', () => {
  it('sends each provider its own credentials as headers of the attempt', async () => {
    const openai = createRecordingProvider('openai', () => 'from openai');
    const anthropic = createRecordingProvider('anthropic', () => 'from anthropic');
    const other = createRecordingProvider('other', () => 'from other');
    const hub = createHub({
      providers: [openai, anthropic, other],
      middleware: [
        auth({
          providers: {
            openai: staticKey({ key: OPENAI_KEY }),
            anthropic: staticKey({ key: ANTHROPIC_KEY, header: 'x-api-key' }),
          },
        }),
      ],
    });
    await hub.complete(request('openai/gpt-4o-mini'), { headers: { 'x-trace': 'abc' } });
    await hub.complete(request('anthropic/claude-3-5-haiku-latest'));
    await hub.complete(request('other/model'));
    expect(openai.calls[0]?.headers).toEqual({ authorization: `Bearer ${OPENAI_KEY}`, 'x-trace': 'abc' });
    expect(anthropic.calls[0]?.headers).toEqual({ 'x-api-key': ANTHROPIC_KEY });
    expect(other.calls[0]?.headers).toEqual({});
    // credentials travel in headers only: the request the provider sees is the caller's
    expect(openai.calls[0]?.request).toEqual(request('gpt-4o-mini'));
  });

  it('never sends one provider’s credentials to a fallback target', async () => {
    const primary = createRecordingProvider('primary', () => {
      throw new ConnectorError('overloaded', 'Overloaded.', { providerId: 'primary', status: 529 });
    });
    const secondary = createRecordingProvider('secondary', () => 'ok');
    const hub = createHub({
      providers: [primary, secondary],
      routes: { default: ['primary/a', 'secondary/b'] },
      middleware: [auth({ providers: { primary: staticKey({ key: OPENAI_KEY }) } })],
    });
    const response = await hub.complete(request('default'));
    expect(response.provider).toBe('secondary');
    expect(primary.calls[0]?.headers).toEqual({ authorization: `Bearer ${OPENAI_KEY}` });
    expect(secondary.calls[0]?.headers).toEqual({});
  });

  it('refreshes the token once for 50 concurrent calls rejected with the same stale token', async () => {
    let serverToken = 'token-1';
    let fetches = 0;
    let forced = 0;
    const tokens = refreshingToken({
      fetchToken: async () => {
        fetches++;
        await tick();
        return { token: serverToken, expiresInMs: 3_600_000 };
      },
    });
    const counting: CredentialsProvider = {
      getCredentials(options) {
        if (options?.forceRefresh === true) forced++;
        return tokens.getCredentials(options);
      },
    };
    const upstream = createRecordingProvider('openai', async (call, index) => {
      // staggered answers: some 401s arrive while the refresh runs, some after it finished
      for (let turn = 0; turn < index % 7; turn++) await tick();
      if (call.headers.authorization !== `Bearer ${serverToken}`) throw unauthorized('openai');
      return 'ok';
    });
    const hub = createHub({ providers: [upstream], middleware: [auth({ providers: { openai: counting } })] });

    await hub.complete(request('openai/gpt-4o-mini'));
    expect(fetches).toBe(1);
    serverToken = 'token-2'; // the upstream revokes the token the hub cached

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => hub.complete(request('openai/gpt-4o-mini'))),
    );
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(fetches).toBe(2);
    expect(forced).toBe(1);
    const rejected = upstream.calls.filter((call) => call.headers.authorization === 'Bearer token-1');
    const accepted = upstream.calls.filter((call) => call.headers.authorization === 'Bearer token-2');
    expect(rejected).toHaveLength(1 + 50);
    expect(accepted).toHaveLength(50);
  });

  it('retries an authentication error at most once per call', async () => {
    let fetches = 0;
    const upstream = createRecordingProvider('openai', () => {
      throw unauthorized('openai');
    });
    const hub = createHub({
      providers: [upstream],
      middleware: [
        auth({
          providers: {
            openai: refreshingToken({
              fetchToken: async () => ({ token: `token-${++fetches}`, expiresInMs: 3_600_000 }),
            }),
          },
        }),
      ],
    });
    const failure = await hub.complete(request('openai/gpt-4o-mini')).catch((error: unknown) => error);
    expect((failure as ConnectorError).code).toBe('authentication');
    expect(upstream.calls.map((call) => call.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(fetches).toBe(2);
  });

  it('does not retry a rejected static key, which a refresh cannot change', async () => {
    const upstream = createRecordingProvider('openai', () => {
      throw unauthorized('openai');
    });
    const hub = createHub({
      providers: [upstream],
      middleware: [auth({ providers: { openai: staticKey({ key: OPENAI_KEY }) } })],
    });
    await expect(hub.complete(request('openai/gpt-4o-mini'))).rejects.toMatchObject({
      code: 'authentication',
    });
    expect(upstream.calls).toHaveLength(1);
  });

  it('retries with a key rotated in the environment since the call started', async () => {
    const env: Record<string, string | undefined> = { OPENAI_API_KEY: 'sk-old-0000000000000000' };
    const upstream = createRecordingProvider('openai', (call) => {
      if (call.headers.authorization !== 'Bearer sk-new-1111111111111111') {
        env.OPENAI_API_KEY = 'sk-new-1111111111111111';
        throw unauthorized('openai');
      }
      return 'ok';
    });
    const hub = createHub({
      providers: [upstream],
      middleware: [auth({ providers: { openai: envKey({ variable: 'OPENAI_API_KEY', env }) } })],
    });
    expect((await hub.complete(request('openai/gpt-4o-mini'))).text).toBe('ok');
    expect(upstream.calls).toHaveLength(2);
  });

  it('fails with a ConfigError naming a missing variable, before calling the provider', async () => {
    const upstream = createRecordingProvider('openai', () => 'ok');
    const hub = createHub({
      providers: [upstream],
      middleware: [auth({ providers: { openai: envKey({ variable: 'HUB_TEST_MISSING_KEY', env: {} }) } })],
    });
    const failure = await hub.complete(request('openai/gpt-4o-mini')).catch((error: unknown) => error);
    expect(ConfigError.isConfigError(failure)).toBe(true);
    expect((failure as Error).message).toContain('HUB_TEST_MISSING_KEY');
    expect(upstream.calls).toHaveLength(0);
  });

  it('puts no token into any error, whether the refresh or the custom provider fails', async () => {
    const secrets = [
      'tok-live-7f3a9c1e5b2d4a6f8e0c',
      'client-secret-zzz999',
      OPENAI_KEY,
      'AKIAIOSFODNN7EXAMPLE',
    ];
    let fetches = 0;
    const upstream = createRecordingProvider('openai', () => {
      throw unauthorized('openai');
    });
    const failingRefresh = createHub({
      providers: [upstream],
      middleware: [
        auth({
          providers: {
            openai: refreshingToken({
              fetchToken: async () => {
                if (++fetches === 1) return { token: secrets[0] as string, expiresInMs: 3_600_000 };
                throw new Error(`400 invalid_client client_secret=${secrets[1]} for token ${secrets[0]}`);
              },
            }),
          },
        }),
      ],
    });
    const refreshFailure = await failingRefresh
      .complete(request('openai/gpt-4o-mini'))
      .catch((error: unknown) => error);
    expect((refreshFailure as ConnectorError).code).toBe('authentication');
    expect((refreshFailure as ConnectorError).message).toContain('refreshing them failed');

    const leaky: CredentialsProvider = {
      getCredentials: async () => {
        throw new Error(`vault said: key ${OPENAI_KEY} and ${secrets[3]} are revoked`);
      },
    };
    const leakyHub = createHub({
      providers: [createRecordingProvider('openai', () => 'ok')],
      middleware: [auth({ providers: { openai: leaky } })],
    });
    const providerFailure = await leakyHub
      .complete(request('openai/gpt-4o-mini'))
      .catch((error: unknown) => error);
    expect((providerFailure as ConnectorError).code).toBe('authentication');

    for (const failure of [refreshFailure, providerFailure]) {
      const text = everythingIn(failure);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('writes nothing into the request metadata or context metadata', async () => {
    const seen: Array<Record<string, string>> = [];
    const observer: Middleware = {
      name: 'observer',
      onSettled(_outcome, context) {
        seen.push(Object.fromEntries(context.metadata));
      },
    };
    const upstream = createRecordingProvider('openai', () => 'ok');
    const hub = createHub({
      providers: [upstream],
      middleware: [observer, auth({ providers: { openai: staticKey({ key: OPENAI_KEY }) } })],
    });
    await hub.complete(request('openai/gpt-4o-mini'));
    expect(seen).toEqual([{}]);
    expect(JSON.stringify(upstream.calls[0]?.request)).not.toContain(OPENAI_KEY);
  });

  it('gives up waiting for a token when the call is cancelled', async () => {
    let fetchSignal: AbortSignal | undefined;
    const upstream = createRecordingProvider('openai', () => 'ok');
    const hub = createHub({
      providers: [upstream],
      middleware: [
        auth({
          providers: {
            openai: refreshingToken({
              fetchToken: (signal) => {
                fetchSignal = signal;
                return new Promise(() => {});
              },
            }),
          },
        }),
      ],
    });
    const controller = new AbortController();
    const call = hub.complete(request('openai/gpt-4o-mini'), { signal: controller.signal });
    await tick();
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'cancelled' });
    expect(fetchSignal?.aborted).toBe(true);
    expect(upstream.calls).toHaveLength(0);
  });

  it('sets the headers on every stream attempt too', async () => {
    // records what auth hands the hub; delivering the headers to the provider is the hub's job
    const recorded: Array<[string, string]> = [];
    const spy: Middleware = {
      name: 'header-spy',
      onRequest(_request, context) {
        const original = context.setHeader.bind(context);
        Object.assign(context, {
          setHeader(name: string, value: string) {
            recorded.push([name, value]);
            original(name, value);
          },
        });
      },
    };
    const upstream = createRecordingProvider('openai', () => 'streamed');
    const hub = createHub({
      providers: [upstream],
      middleware: [spy, auth({ providers: { openai: staticKey({ key: OPENAI_KEY }) } })],
    });
    const chunks: StreamChunk[] = [];
    for await (const chunk of hub.stream(request('openai/gpt-4o-mini'))) chunks.push(chunk);
    expect(chunks[0]).toEqual({ type: 'text-delta', text: 'streamed' });
    expect(recorded).toEqual([['authorization', `Bearer ${OPENAI_KEY}`]]);
  });

  it('fails loudly instead of calling unauthenticated when the core cannot set headers', async () => {
    const middleware = auth({ providers: { openai: staticKey({ key: OPENAI_KEY }) } });
    const oldContext = {
      providerId: 'openai',
      signal: new AbortController().signal,
      metadata: new Map<string, string>(),
    } as unknown as MiddlewareContext;
    const failure = await Promise.resolve(middleware.onRequest?.(request('gpt-4o-mini'), oldContext)).catch(
      (error: unknown) => error,
    );
    expect((failure as ConnectorError).code).toBe('config');
    expect((failure as Error).message).toContain('setHeader');
    expect(everythingIn(failure)).not.toContain(OPENAI_KEY);
  });

  it('validates its options when created, naming the field', () => {
    expect(() => auth({ providers: 'x' as never })).toThrow(ConfigError);
    expect(() => auth({ providers: { OpenAI: staticKey({ key: OPENAI_KEY }) } })).toThrow(
      /providers\.OpenAI|OpenAI/,
    );
    let thrown: unknown;
    try {
      authPlugin({ providers: { openai: {} as never } });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as ConfigError).path).toBe('providers.openai');
  });

  it('registers through its plugin', async () => {
    const upstream = createRecordingProvider('openai', () => 'ok');
    const plugin = authPlugin({ providers: { openai: staticKey({ key: OPENAI_KEY }) } });
    expect(plugin.name).toBe('@hub/middleware-auth');
    const hub = createHub({ providers: [upstream], plugins: [plugin] });
    await hub.complete(request('openai/gpt-4o-mini'));
    expect(upstream.calls[0]?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
  });
});

describe('auth (embeddings and token counting)', () => {
  it('sets the credentials on embedding and token-counting calls too', async () => {
    const upstream = createRecordingProvider('openai', () => 'ok');
    const chatOnly: string[] = [];
    const thirdParty: Middleware = {
      name: 'chat-only',
      onRequest: (_request, context) => {
        chatOnly.push(context.operation);
      },
    };
    const hub = createHub({
      providers: [upstream],
      middleware: [auth({ providers: { openai: staticKey({ key: OPENAI_KEY }) } }), thirdParty],
    });
    const embedded = await hub.embed({ model: 'openai/text-embedding-3-small', input: ['a', 'b'] });
    expect(embedded.embeddings).toHaveLength(2);
    expect(await hub.countTokens(request('openai/gpt-4o-mini'))).toMatchObject({
      inputTokens: 7,
      exact: true,
    });
    expect(upstream.calls.map((call) => [call.operation, call.headers.authorization])).toEqual([
      ['embed', `Bearer ${OPENAI_KEY}`],
      ['count-tokens', `Bearer ${OPENAI_KEY}`],
    ]);
    expect(chatOnly).toEqual([]);
  });

  it('refreshes a token an embedding call was refused with, and retries once', async () => {
    let fetches = 0;
    const upstream = createRecordingProvider('openai', (call) => {
      if (call.headers.authorization !== 'Bearer token-2') throw unauthorized('openai');
      return 'ok';
    });
    const hub = createHub({
      providers: [upstream],
      middleware: [
        auth({
          providers: {
            openai: refreshingToken({
              fetchToken: async () => ({ token: `token-${++fetches}`, expiresInMs: 3_600_000 }),
            }),
          },
        }),
      ],
    });
    const response = await hub.embed({ model: 'openai/text-embedding-3-small', input: 'x' });
    expect(response.embeddings).toHaveLength(1);
    expect(upstream.calls.map((call) => call.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(fetches).toBe(2);
  });
});

describe('auth error messages mask every credential shape', () => {
  // shapes the package's former masking copy caught, now masked by @hub/core's maskSecrets
  // [kind, text, the secret in it]
  const cases: Array<[string, string, string]> = [
    ['Bearer', 'Authorization: Bearer abcdefghijklmnop', 'abcdefghijklmnop'],
    ['Basic', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
    ['OpenAI key', `key ${OPENAI_KEY}`, OPENAI_KEY.slice(-12)],
    ['Anthropic key', ANTHROPIC_KEY, ANTHROPIC_KEY.slice(-12)],
    ['AWS key id', 'AKIAIOSFODNN7EXAMPLE', 'IOSFODNN7EXAMPLE'],
    ['Google key', 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', 'Srke72PouQMnMX'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl', 'c2lnbmF0dXJl'],
    ['token=', 'refresh_token=rt-7f3a9c1e5b2d', 'rt-7f3a9c1e5b2d'],
    ['client_secret=', 'client_secret=s3cr3t-client-value', 's3cr3t-client-value'],
    ['"access_token": …', '{"access_token": "ya29-like-0123456789abcdef"}', '0123456789abcdef'],
    ['URL userinfo', 'https://svc:p4ssw0rd-xyz@vault.internal/v1', 'p4ssw0rd-xyz'],
  ];

  it.each(cases)('masks %s in the error of a failing credentials provider', async (_kind, text, secret) => {
    const leaky: CredentialsProvider = {
      getCredentials: async () => {
        throw new Error(`vault refused: ${text}`);
      },
    };
    const hub = createHub({
      providers: [createRecordingProvider('openai', () => 'ok')],
      middleware: [auth({ providers: { openai: leaky } })],
    });
    const failure = await hub
      .embed({ model: 'openai/text-embedding-3-small', input: 'x' })
      .catch((error: unknown) => error);
    expect((failure as ConnectorError).code).toBe('authentication');
    expect((failure as ConnectorError).message).toContain('[REDACTED]');
    expect(everythingIn(failure)).not.toContain(secret);
  });
});
