import { describe, expect, it } from 'vitest';
import { ErrorAction } from '../contracts/error-action.js';
import type { Middleware } from '../contracts/middleware.js';
import { ConnectorError } from '../errors/connector-error.js';
import { createHub } from '../hub/create-hub.js';
import { fakeProvider, response, userRequest } from '../test-support/fake-provider.js';

const recorder = (name: string, log: string[], overrides: Partial<Middleware> = {}): Middleware => ({
  name,
  onRequest: () => {
    log.push(`${name}:request`);
  },
  onResponse: () => {
    log.push(`${name}:response`);
  },
  onError: () => {
    log.push(`${name}:error`);
  },
  onSettled: () => {
    log.push(`${name}:settled`);
  },
  ...overrides,
});

describe('middleware order', () => {
  it('runs onRequest forward, onResponse and onSettled in reverse', async () => {
    const log: string[] = [];
    const hub = createHub({
      providers: [fakeProvider('p')],
      middleware: [recorder('A', log), recorder('B', log), recorder('C', log)],
    });
    await hub.complete(userRequest('p/m'));
    expect(log).toEqual([
      'A:request',
      'B:request',
      'C:request',
      'C:response',
      'B:response',
      'A:response',
      'C:settled',
      'B:settled',
      'A:settled',
    ]);
  });

  it('runs onError in reverse and lets the first non-propagate action win', async () => {
    const log: string[] = [];
    const provider = fakeProvider('p', [new ConnectorError('provider', 'boom'), 'second']);
    const hub = createHub({
      providers: [provider],
      middleware: [
        recorder('A', log, {
          onError: () => {
            log.push('A:error');
            return ErrorAction.propagate();
          },
        }),
        recorder('B', log, {
          onError: () => {
            log.push('B:error');
            return ErrorAction.retry();
          },
        }),
        recorder('C', log),
      ],
    });
    const result = await hub.complete(userRequest('p/m'));
    expect(result.text).toBe('second');
    expect(log.slice(0, 5)).toEqual(['A:request', 'B:request', 'C:request', 'C:error', 'B:error']);
    expect(log).not.toContain('A:error');
    expect(provider.calls).toHaveLength(2);
  });

  it('passes a rewritten request to the provider and later middleware', async () => {
    const provider = fakeProvider('p');
    const seen: number[] = [];
    const hub = createHub({
      providers: [provider],
      middleware: [
        { name: 'rewrite', onRequest: (request) => ({ request: { ...request, temperature: 0.5 } }) },
        {
          name: 'observe',
          onRequest: (request) => {
            seen.push(request.temperature ?? -1);
          },
        },
      ],
    });
    await hub.complete(userRequest('p/m'));
    expect(seen).toEqual([0.5]);
    expect(provider.calls[0]?.request.temperature).toBe(0.5);
    expect(provider.calls[0]?.request.model).toBe('m');
  });

  it('short-circuits with a response: the provider is not called, outer onResponse still runs', async () => {
    const log: string[] = [];
    const provider = fakeProvider('p');
    const hub = createHub({
      providers: [provider],
      middleware: [
        recorder('outer', log),
        {
          name: 'cache',
          onRequest: () => ({ response: response('p', 'm', 'cached') }),
          onResponse: () => {
            log.push('cache:response');
          },
        },
        recorder('inner', log),
      ],
    });
    const result = await hub.complete(userRequest('p/m'));
    expect(result.text).toBe('cached');
    expect(provider.calls).toHaveLength(0);
    expect(log).toEqual(['outer:request', 'outer:response', 'inner:settled', 'outer:settled']);
  });

  it('lets onResponse replace the response', async () => {
    const hub = createHub({
      providers: [fakeProvider('p', ['raw'])],
      middleware: [
        { name: 'upper', onResponse: (result) => ({ ...result, text: result.text.toUpperCase() }) },
      ],
    });
    expect((await hub.complete(userRequest('p/m'))).text).toBe('RAW');
  });
});

describe('failure semantics', () => {
  it('an onRequest error prevents the provider call and reaches only outer onError', async () => {
    const log: string[] = [];
    const provider = fakeProvider('p');
    const hub = createHub({
      providers: [provider],
      middleware: [
        recorder('A', log),
        {
          name: 'guard',
          onRequest: () => {
            throw new Error('denied');
          },
          onError: () => {
            log.push('guard:error');
          },
        },
        recorder('C', log),
      ],
    });
    const error = await hub.complete(userRequest('p/m')).catch((thrown: unknown) => thrown);
    expect(ConnectorError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'middleware' });
    expect((error as Error).message).toContain('guard');
    expect(provider.calls).toHaveLength(0);
    expect(log).toEqual(['A:request', 'A:error', 'C:settled', 'A:settled']);
  });

  it('an onResponse error turns success into that error', async () => {
    const log: string[] = [];
    const hub = createHub({
      providers: [fakeProvider('p')],
      middleware: [
        recorder('A', log),
        {
          name: 'reject',
          onResponse: () => {
            throw new ConnectorError('content_filter', 'blocked by policy');
          },
        },
      ],
    });
    await expect(hub.complete(userRequest('p/m'))).rejects.toMatchObject({ code: 'content_filter' });
    expect(log).toEqual(['A:request', 'A:error', 'A:settled']);
  });

  it('an onError error overrides the original for outer middleware and the caller', async () => {
    const seen: string[] = [];
    const hub = createHub({
      providers: [fakeProvider('p', [new ConnectorError('provider', 'upstream 500')])],
      middleware: [
        {
          name: 'outer',
          onError: (error) => {
            seen.push(error.code);
          },
        },
        {
          name: 'translate',
          onError: () => {
            throw new ConnectorError('overloaded', 'translated');
          },
        },
      ],
    });
    await expect(hub.complete(userRequest('p/m'))).rejects.toMatchObject({
      code: 'overloaded',
      message: 'translated',
    });
    expect(seen).toEqual(['overloaded']);
  });

  it('onSettled failures never change the outcome', async () => {
    const hub = createHub({
      providers: [fakeProvider('p', ['fine'])],
      middleware: [
        {
          name: 'bad',
          onSettled: () => {
            throw new Error('x');
          },
        },
      ],
    });
    expect((await hub.complete(userRequest('p/m'))).text).toBe('fine');
  });
});

describe('error actions', () => {
  it('retry waits out its delay and tries the same target again', async () => {
    const provider = fakeProvider('p', [new ConnectorError('rate_limit', 'slow down'), 'ok after retry']);
    const hub = createHub({
      providers: [provider],
      middleware: [
        {
          name: 'retry',
          onError: (_e, context) => (context.attempt < 3 ? ErrorAction.retry(20) : undefined),
        },
      ],
    });
    const started = performance.now();
    const result = await hub.complete(userRequest('p/m'));
    expect(result.text).toBe('ok after retry');
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(provider.calls).toHaveLength(2);
  });

  it('bounds retries by maxAttempts', async () => {
    const provider = fakeProvider(
      'p',
      Array.from({ length: 10 }, () => new ConnectorError('provider', 'down')),
    );
    const hub = createHub({
      providers: [provider],
      maxAttempts: 3,
      middleware: [{ name: 'always', onError: () => ErrorAction.retry() }],
    });
    await expect(hub.complete(userRequest('p/m'))).rejects.toMatchObject({ code: 'provider' });
    expect(provider.calls).toHaveLength(3);
  });

  it('fallback moves to a named target', async () => {
    const first = fakeProvider('a', [new ConnectorError('context_length_exceeded', 'too long')]);
    const second = fakeProvider('b', ['from b']);
    const hub = createHub({
      providers: [first, second],
      middleware: [{ name: 'fb', onError: () => ErrorAction.fallback('b/big-model') }],
    });
    const result = await hub.complete(userRequest('a/small'));
    expect(result.provider).toBe('b');
    expect(second.calls[0]?.request.model).toBe('big-model');
  });

  it('propagate fails with the error', async () => {
    const hub = createHub({
      providers: [fakeProvider('p', [new ConnectorError('authentication', 'bad key', { status: 401 })])],
      middleware: [{ name: 'x', onError: () => ErrorAction.propagate() }],
    });
    await expect(hub.complete(userRequest('p/m'))).rejects.toMatchObject({
      code: 'authentication',
      status: 401,
    });
  });

  it('aborting during a retry wait ends the call promptly with cancelled', async () => {
    const provider = fakeProvider('p', [new ConnectorError('rate_limit', 'wait')]);
    const hub = createHub({
      providers: [provider],
      middleware: [{ name: 'retry', onError: () => ErrorAction.retry(60_000) }],
    });
    const controller = new AbortController();
    const pending = hub.complete(userRequest('p/m'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const started = performance.now();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(provider.calls).toHaveLength(1);
  });

  it('passes the caller signal to the provider and maps an abort to cancelled', async () => {
    const provider = fakeProvider('p', ['hang']);
    const hub = createHub({ providers: [provider] });
    const controller = new AbortController();
    const pending = hub.complete(userRequest('p/m'), { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(provider.calls[0]?.options.signal).toBe(controller.signal);
  });

  it('enforces the hub-wide deadline as a timeout', async () => {
    const hub = createHub({ providers: [fakeProvider('p', ['hang'])], timeoutMs: 20 });
    await expect(hub.complete(userRequest('p/m'))).rejects.toMatchObject({ code: 'timeout' });
  });

  it('merges headers set by middleware into this attempt only', async () => {
    const provider = fakeProvider('p', [new ConnectorError('provider', 'x'), 'ok']);
    const hub = createHub({
      providers: [provider],
      middleware: [
        {
          name: 'auth',
          onRequest: (_r, context) => {
            if (context.attempt === 1) context.setHeader('Authorization', 'Bearer t1');
          },
          onError: () => ErrorAction.retry(),
        },
      ],
    });
    await hub.complete(userRequest('p/m'));
    expect(provider.calls[0]?.options.headers).toEqual({ authorization: 'Bearer t1' });
    expect(provider.calls[1]?.options.headers).toBeUndefined();
  });
});

describe('validation at the edge', () => {
  it('rejects a bad request before any middleware or provider call', async () => {
    const log: string[] = [];
    const provider = fakeProvider('p');
    const hub = createHub({ providers: [provider], middleware: [recorder('A', log)] });
    await expect(hub.complete({ model: 'p/m', messages: [], temperature: 3 })).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'messages',
    });
    await expect(hub.complete({ ...userRequest('p/m'), temperature: 3 })).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'temperature',
    });
    expect(log).toEqual([]);
    expect(provider.calls).toHaveLength(0);
  });

  it('rejects an unknown provider naming the model field', async () => {
    const hub = createHub({ providers: [fakeProvider('a'), fakeProvider('b')] });
    await expect(hub.complete(userRequest('zzz/m'))).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'model',
    });
  });

  it('refuses calls after close and disposes plugins in reverse order', async () => {
    const order: string[] = [];
    const plugin = (name: string) => ({
      name,
      version: '1.0.0',
      apiVersion: 2,
      register: () => {},
      dispose: () => {
        order.push(name);
      },
    });
    const hub = createHub({ providers: [fakeProvider('p')], plugins: [plugin('one'), plugin('two')] });
    await hub.close();
    expect(order).toEqual(['two', 'one']);
    await expect(hub.complete(userRequest('p/m'))).rejects.toMatchObject({ code: 'config' });
  });
});

describe('fail action and target tracking', () => {
  it('fail ends the call without the hub default fallback', async () => {
    const second = fakeProvider('b');
    const hub = createHub({
      providers: [fakeProvider('a', [new ConnectorError('provider', 'down')]), second],
      routes: { default: ['a/m', 'b/m'] },
      middleware: [{ name: 'stop', onError: () => ErrorAction.fail() }],
    });
    await expect(hub.complete(userRequest('default'))).rejects.toMatchObject({ code: 'provider' });
    expect(second.calls).toHaveLength(0);
  });

  it('counts an explicitly named route target as tried', async () => {
    const first = fakeProvider('a', [new ConnectorError('provider', 'down')]);
    const second = fakeProvider('b', [new ConnectorError('provider', 'down too')]);
    const seen: string[][] = [];
    const hub = createHub({
      providers: [first, second],
      routes: { default: ['a/m', 'b/m'] },
      middleware: [
        {
          name: 'explicit',
          onError: (_error, context) => {
            seen.push(context.remainingTargets.map((target) => `${target.providerId}/${target.model}`));
            return context.providerId === 'a' ? ErrorAction.fallback('b/m') : undefined;
          },
        },
      ],
    });
    await expect(hub.complete(userRequest('default'))).rejects.toMatchObject({ message: 'down too' });
    expect(seen).toEqual([['b/m'], []]);
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);
  });
});

describe('explicit fallback targets on embed', () => {
  it('are refused when the planner did not choose them (their vector length is unchecked)', async () => {
    const embedded: string[] = [];
    const embedding = (providerId: string, answers: (string | ConnectorError)[]) => {
      const provider = fakeProvider(providerId);
      provider.embed = async (request) => {
        embedded.push(`${providerId}/${request.model}`);
        const answer = answers.shift();
        if (answer instanceof ConnectorError) throw answer;
        return {
          provider: providerId,
          model: request.model,
          embeddings: [new Float32Array(3)],
          usage: { inputTokens: 1 },
        };
      };
      return provider;
    };
    const outside = embedding('outside', ['ok']);
    const hub = createHub({
      providers: [embedding('a', [new ConnectorError('provider', 'down', { retryable: false })]), outside],
      middleware: [
        {
          name: 'named-fallback',
          operations: ['embed'],
          onError: () => ErrorAction.fallback('outside/other-model'),
        },
      ],
    });
    await expect(hub.embed({ model: 'a/m', input: 'x' })).rejects.toMatchObject({ code: 'provider' });
    expect(embedded).toEqual(['a/m']);
  });
});
