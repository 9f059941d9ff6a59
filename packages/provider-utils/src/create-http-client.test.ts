import { getEventListeners } from 'node:events';
import { ConfigError, ConnectorError, type ErrorCode } from '@hub/core';
import { Agent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallDeadline } from './call-deadline.js';
import { createHttpClient } from './create-http-client.js';
import { decodeSse } from './decode-sse.js';
import type { HttpClient, HttpClientOptions } from './http-client.js';
import type { HttpFailure } from './http-failure.js';
import { collectText, type LocalHttpServer, startLocalHttpServer } from './test-support/local-http-server.js';

// shaped like a real OpenAI project key so pattern-based redaction would catch it too
const API_KEY = 'sk-proj-Zq8xT3vLmN4pR7sW2yB6cD9fG1hJ5kQ0aE3uI8oX';

type Handler = Parameters<typeof startLocalHttpServer>[0];

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

// Deadlines run on fake timers, advanced only once the exchange reached the phase under test (an
// event: the server saw the request, the client read a chunk), so how busy the machine is never
// decides which limit fires. The sockets stay real; only the deadline clocks are fake.
function useFakeDeadlineTimers(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
}

async function setup(
  handler: Handler,
  options: Partial<HttpClientOptions> = {},
): Promise<{ server: LocalHttpServer; client: HttpClient }> {
  const server = await startLocalHttpServer(handler);
  const client = createHttpClient({
    providerId: 'acme',
    baseUrl: `${server.url}/v1`,
    headers: { Authorization: `Bearer ${API_KEY}` },
    ...options,
  });
  // reverse order on cleanup: the server drops its sockets first, so close() never waits on a hung request
  cleanups.push(
    () => client.close(),
    () => server.close(),
  );
  return { server, client };
}

async function rejectionOf(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the promise to reject');
    },
    (error: unknown) => error,
  );
  expect(ConnectorError.isInstance(error)).toBe(true);
  return error as ConnectorError;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('createHttpClient options', () => {
  it.each(['not a url', '/v1/relative', 'ftp://example.com/v1', 'file:///etc/passwd', ''])(
    'rejects baseUrl %j with a ConfigError naming baseUrl',
    (baseUrl) => {
      const error = (() => {
        try {
          createHttpClient({ providerId: 'acme', baseUrl });
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(ConfigError.isConfigError(error)).toBe(true);
      expect((error as ConfigError).path).toBe('baseUrl');
      expect((error as ConfigError).message).toContain('baseUrl');
    },
  );

  it('names every invalid field and never echoes a key from the base URL', () => {
    let error: unknown;
    try {
      createHttpClient({
        providerId: '',
        baseUrl: 'https://user:AIzaSyD-fake0key1for2tests3only4abcdefg@example.com',
        timeoutMs: -1,
        firstByteTimeoutMs: 1.5,
        idleTimeoutMs: Number.NaN,
        connections: 0,
        headers: { 'x-api-key': 'line\nbreak' },
      });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isConfigError(error)).toBe(true);
    const paths = (error as ConfigError).issues.map((issue) => issue.path);
    expect(paths).toEqual([
      'providerId',
      'baseUrl',
      'headers.x-api-key',
      'connections',
      'timeoutMs',
      'firstByteTimeoutMs',
      'idleTimeoutMs',
    ]);
    expect((error as ConfigError).message).not.toContain('AIza');
  });

  it('accepts http and https base URLs', () => {
    for (const baseUrl of ['http://127.0.0.1:1', 'https://api.example.com/v1/']) {
      const client = createHttpClient({ providerId: 'acme', baseUrl });
      expect(typeof client.requestJson).toBe('function');
      void client.close();
    }
  });
});

describe('HttpClient.requestJson', () => {
  it('sends the method, path, query, headers and JSON body, and returns status, headers and body', async () => {
    const { server, client } = await setup((_request, response) => {
      response.setHeader('X-Request-Id', 'req_123');
      response.setHeader('x-multi', ['a', 'b']);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: 'chatcmpl-1', ok: true }));
    });
    const response = await client.requestJson<{ id: string; ok: boolean }>({
      method: 'POST',
      path: '/chat/completions?stream=false',
      body: { model: 'gpt-test', messages: [{ role: 'user', content: 'héllo' }] },
      headers: { 'X-Trace': 'trace-1' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 'chatcmpl-1', ok: true });
    expect(response.headers['x-request-id']).toBe('req_123');
    expect(response.headers['x-multi']).toBe('a, b');
    const [received] = server.requests;
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/v1/chat/completions?stream=false');
    expect(received?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers['x-trace']).toBe('trace-1');
    expect(JSON.parse(received?.body ?? '')).toEqual({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'héllo' }],
    });
  });

  it('sends a raw body byte for byte instead of serializing one', async () => {
    const { server, client } = await setup((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end('{}');
    });
    const raw = '{"b":1,  "a":"signed exactly"}';
    await client.requestJson({ method: 'POST', path: '/signed', rawBody: raw });
    expect(server.requests[0]?.body).toBe(raw);
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends no body or content-type for a GET, and lets per-request headers override defaults', async () => {
    const { server, client } = await setup((_request, response) => response.end('{"data":[]}'));
    await client.requestJson({
      method: 'GET',
      path: 'models',
      headers: { authorization: 'Bearer other-token' },
    });
    const [received] = server.requests;
    expect(received?.url).toBe('/v1/models');
    expect(received?.body).toBe('');
    expect(received?.headers['content-type']).toBeUndefined();
    expect(received?.headers.authorization).toBe('Bearer other-token');
  });

  it('appends the base URL query to every path', async () => {
    const server = await startLocalHttpServer((_request, response) => response.end('{}'));
    const client = createHttpClient({
      providerId: 'azure',
      baseUrl: `${server.url}/openai/?api-version=2024-10-21`,
    });
    cleanups.push(
      () => client.close(),
      () => server.close(),
    );
    await client.requestJson({ method: 'GET', path: '/deployments' });
    await client.requestJson({ method: 'GET', path: '/deployments?limit=1' });
    expect(server.requests.map((request) => request.url)).toEqual([
      '/openai/deployments?api-version=2024-10-21',
      '/openai/deployments?limit=1&api-version=2024-10-21',
    ]);
  });

  it('returns an undefined body for an empty 2xx response', async () => {
    const { client } = await setup((_request, response) => {
      response.statusCode = 204;
      response.end();
    });
    const response = await client.requestJson({ method: 'DELETE', path: '/files/1' });
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
  });

  it('rejects a 2xx body that is not JSON with a parse error', async () => {
    const { client } = await setup((_request, response) => response.end('<html>gateway</html>'));
    const error = await rejectionOf(client.requestJson({ method: 'GET', path: '/models' }));
    expect(error.code).toBe('parse');
    expect(error.providerId).toBe('acme');
    expect(error.status).toBe(200);
  });

  it('rejects a body that cannot be serialized with invalid_request, before sending', async () => {
    const { server, client } = await setup((_request, response) => response.end('{}'));
    const error = await rejectionOf(client.requestJson({ method: 'POST', path: '/x', body: { size: 1n } }));
    expect(error.code).toBe('invalid_request');
    expect(server.requests).toHaveLength(0);
  });

  const statusTable: [number, ErrorCode, boolean][] = [
    [400, 'invalid_request', false],
    [401, 'authentication', false],
    [403, 'permission', false],
    [404, 'not_found', false],
    [408, 'timeout', true],
    [409, 'provider', true],
    [413, 'invalid_request', false],
    [418, 'invalid_request', false],
    [422, 'invalid_request', false],
    [429, 'rate_limit', true],
    [500, 'provider', true],
    [502, 'provider', true],
    [503, 'provider', true],
    [504, 'provider', true],
    [529, 'overloaded', true],
    [599, 'provider', true],
  ];

  it('maps every non-2xx status to its error code through the default mapper', async () => {
    const { client } = await setup((request, response) => {
      response.statusCode = Number(request.url?.split('/').pop());
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ error: { message: 'upstream said no', type: 'some_error' } }));
    });
    for (const [status, code, retryable] of statusTable) {
      const error = await rejectionOf(client.requestJson({ method: 'GET', path: `/status/${status}` }));
      expect({ status: error.status, code: error.code, retryable: error.retryable }).toEqual({
        status,
        code,
        retryable,
      });
      expect(error.providerId).toBe('acme');
      expect(error.providerCode).toBe('some_error');
      expect(error.message).toBe(`HTTP ${status}: upstream said no`);
    }
  });

  it.each([
    ['retry-after seconds', { 'retry-after': '2' }, 2000],
    ['retry-after decimal seconds', { 'retry-after': '0.5' }, 500],
    ['retry-after-ms', { 'retry-after-ms': '1234', 'retry-after': '9' }, 1234],
  ])('sets retryAfterMs on a 429 from %s', async (_label, headers, expected) => {
    const { client } = await setup((_request, response) => {
      response.writeHead(429, headers);
      response.end('{"error":{"message":"slow down"}}');
    });
    const error = await rejectionOf(client.requestJson({ method: 'POST', path: '/chat', body: {} }));
    expect(error.code).toBe('rate_limit');
    expect(error.retryAfterMs).toBe(expected);
  });

  it('sets retryAfterMs on a 429 from an HTTP-date retry-after', async () => {
    const { client } = await setup((_request, response) => {
      response.writeHead(429, { 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' });
      response.end();
    });
    // a frozen clock: the verdict cannot depend on how long the exchange takes
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-01-01T00:00:00.000Z') });
    const error = await rejectionOf(client.requestJson({ method: 'GET', path: '/x' }));
    expect(error.code).toBe('rate_limit');
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('hands a custom mapError the failure and masks the client credentials in what it returns', async () => {
    const failures: HttpFailure[] = [];
    const { client } = await setup(
      (_request, response) => {
        response.writeHead(401, { 'content-type': 'application/json', 'x-request-id': 'req_9' });
        response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${API_KEY}` } }));
      },
      {
        mapError: (failure) => {
          failures.push(failure);
          const message = (failure.bodyJson as { error: { message: string } }).error.message;
          return new ConnectorError('authentication', `custom: ${message} (sent x-custom-auth: ${API_KEY})`, {
            status: failure.status,
          });
        },
      },
    );
    const error = await rejectionOf(client.requestJson({ method: 'GET', path: '/models' }));
    expect(failures[0]?.status).toBe(401);
    expect(failures[0]?.headers['x-request-id']).toBe('req_9');
    expect(failures[0]?.bodyText).toContain('Incorrect API key');
    expect(error.code).toBe('authentication');
    expect(error.message).toContain('custom: Incorrect API key provided: [REDACTED]');
    expect(error.message).not.toContain(API_KEY.slice(-12));
    expect(error.stack).not.toContain(API_KEY.slice(-12));
  });

  it('reads at most maxErrorBodyBytes of an error body', async () => {
    const failures: HttpFailure[] = [];
    const { client } = await setup(
      (_request, response) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(`{"padding":"${'x'.repeat(200_000)}"}`);
      },
      {
        mapError: (failure) => {
          failures.push(failure);
          return new ConnectorError('provider', 'boom', { status: failure.status });
        },
      },
    );
    const error = await rejectionOf(client.requestJson({ method: 'GET', path: '/big' }));
    expect(error.code).toBe('provider');
    expect(failures[0]?.bodyText).toHaveLength(64 * 1024);
    expect(failures[0]?.bodyJson).toBeUndefined();
  });

  it('enforces the whole-request deadline as timeout and closes the socket', async () => {
    const { server, client } = await setup(() => {
      // never answers
    });
    useFakeDeadlineTimers();
    const pending = rejectionOf(client.requestJson({ method: 'GET', path: '/slow', timeoutMs: 100 }));
    await server.requestArrived(0);
    vi.advanceTimersByTime(100);
    const error = await pending;
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('The request did not complete within 100 ms');
    await server.socketClosed(0);
  });

  it('enforces the first-byte timeout as timeout', async () => {
    const { server, client } = await setup(
      () => {
        // never answers
      },
      { firstByteTimeoutMs: 50 },
    );
    useFakeDeadlineTimers();
    const pending = rejectionOf(client.requestJson({ method: 'GET', path: '/slow' }));
    await server.requestArrived(0);
    vi.advanceTimersByTime(50);
    const error = await pending;
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('No response headers within 50 ms');
    await server.socketClosed(0);
  });

  it('lets a request override the client first-byte timeout', async () => {
    const { server, client } = await setup(() => {}, { firstByteTimeoutMs: 10 });
    useFakeDeadlineTimers();
    const pending = rejectionOf(
      client.requestJson({ method: 'GET', path: '/slow', firstByteTimeoutMs: 5_000 }),
    );
    await server.requestArrived(0);
    vi.advanceTimersByTime(4_999);
    let settled = false;
    void pending.finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    vi.advanceTimersByTime(1);
    expect((await pending).message).toBe('No response headers within 5000 ms');
    await server.socketClosed(0);
  });

  it('fails with timeout when a JSON body stalls longer than idleTimeoutMs', async () => {
    const { server, client } = await setup(
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"partial":');
      },
      { idleTimeoutMs: 50 },
    );
    useFakeDeadlineTimers();
    let settled = false;
    const pending = rejectionOf(client.requestJson({ method: 'GET', path: '/stall' })).finally(() => {
      settled = true;
    });
    await server.requestArrived(0);
    // the idle limit runs only while the client waits for body data, which it starts doing once the
    // headers arrived: keep the fake clock moving until the call gave up
    while (!settled) {
      vi.advanceTimersByTime(50);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const error = await pending;
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('The response body stalled for more than 50 ms');
    await server.socketClosed(0);
  });

  it('runs a request under a deadline its caller started, without disposing it', async () => {
    const { server, client } = await setup(() => {});
    useFakeDeadlineTimers();
    const deadline = new CallDeadline('acme', { timeoutMs: 1000, firstByteTimeoutMs: 100 });
    // time spent before the request (fetching credentials) counts against the whole call only
    vi.advanceTimersByTime(950);
    const pending = rejectionOf(
      client.requestJson({
        method: 'GET',
        path: '/slow',
        deadline,
        timeoutMs: 1,
        signal: AbortSignal.abort(),
      }),
    );
    await server.requestArrived(0);
    vi.advanceTimersByTime(50);
    const error = await pending;
    expect(error.message).toBe('The request did not complete within 1000 ms');
    expect(deadline.expired).toBe(error);
    await server.socketClosed(0);
    deadline.dispose();
  });

  it('sends nothing under a deadline that already passed', async () => {
    const { server, client } = await setup((_request, response) => response.end('{}'));
    useFakeDeadlineTimers();
    const deadline = new CallDeadline('acme', { timeoutMs: 10 });
    vi.advanceTimersByTime(10);
    const error = await rejectionOf(client.requestJson({ method: 'GET', path: '/x', deadline }));
    expect(error.code).toBe('timeout');
    expect(server.requests).toHaveLength(0);
    deadline.dispose();
  });

  it('turns a connection reset mid-body into a network error', async () => {
    const { client } = await setup((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"partial":');
      setTimeout(() => request.socket.resetAndDestroy(), 20);
    });
    const error = await rejectionOf(client.requestJson({ method: 'GET', path: '/reset' }));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.providerId).toBe('acme');
  });

  it('turns a refused connection into a network error', async () => {
    const server = await startLocalHttpServer(() => {});
    await server.close();
    const client = createHttpClient({ providerId: 'acme', baseUrl: server.url });
    cleanups.push(() => client.close());
    const error = await rejectionOf(client.requestJson({ method: 'GET', path: '/' }));
    expect(error.code).toBe('network');
    expect([error.providerId, error.message.startsWith('acme:')]).toEqual(['acme', false]);
  });

  it('rejects with cancelled when the signal aborts before the response, and closes the socket', async () => {
    const arrived = deferred();
    const { server, client } = await setup(() => arrived.resolve());
    const controller = new AbortController();
    const pending = client.requestJson({ method: 'GET', path: '/slow', signal: controller.signal });
    await arrived.promise;
    controller.abort();
    const error = await rejectionOf(pending);
    expect(error.code).toBe('cancelled');
    expect(error.retryable).toBe(false);
    await server.socketClosed(0);
  });

  it('rejects with cancelled for an already aborted signal', async () => {
    const { client } = await setup((_request, response) => response.end('{}'));
    const error = await rejectionOf(
      client.requestJson({ method: 'GET', path: '/x', signal: AbortSignal.abort(), timeoutMs: 1000 }),
    );
    expect(error.code).toBe('cancelled');
  });

  it('passes a ConnectorError abort reason through and reads a TimeoutError reason as timeout', async () => {
    const { client } = await setup(() => {});
    const reason = new ConnectorError('circuit_open', 'circuit is open');
    const controller = new AbortController();
    const pending = client.requestJson({ method: 'GET', path: '/x', signal: controller.signal });
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);

    const timedOut = await rejectionOf(
      client.requestJson({ method: 'GET', path: '/x', signal: AbortSignal.timeout(20) }),
    );
    expect(timedOut.code).toBe('timeout');
  });

  it('clears its deadline timer and removes its abort listener once done', async () => {
    const { client } = await setup((_request, response) => response.end('{}'));
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const clearTimeoutSpy = vi.spyOn(globalThis, 'clearTimeout');
    const controller = new AbortController();
    await client.requestJson({ method: 'GET', path: '/x', signal: controller.signal, timeoutMs: 54_321 });

    const deadlineCalls = setTimeoutSpy.mock.calls.filter((call) => call[1] === 54_321);
    expect(deadlineCalls).toHaveLength(1);
    const timer = setTimeoutSpy.mock.results[setTimeoutSpy.mock.calls.indexOf(deadlineCalls[0]!)]?.value;
    expect(clearTimeoutSpy).toHaveBeenCalledWith(timer);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('sends nothing after close() and leaves a caller-supplied dispatcher open', async () => {
    const server = await startLocalHttpServer((_request, response) => response.end('{"ok":true}'));
    const agent = new Agent();
    cleanups.push(
      () => agent.close(),
      () => server.close(),
    );
    const client = createHttpClient({ providerId: 'acme', baseUrl: server.url, dispatcher: agent });
    expect((await client.requestJson({ method: 'GET', path: '/' })).body).toEqual({ ok: true });
    await client.close();
    await client.close();
    const error = await rejectionOf(client.requestJson({ method: 'GET', path: '/' }));
    expect(error.code).toBe('cancelled');
    const direct = await agent.request({ origin: server.url, path: '/', method: 'GET' });
    expect(await direct.body.json()).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });
});

describe('HttpClient.requestStream', () => {
  it('resolves at the headers and yields body chunks as they arrive', async () => {
    const release = deferred();
    const { client } = await setup(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      await release.promise;
      response.end('data: two\n\n');
    });
    const response = await client.requestStream({ method: 'POST', path: '/chat', body: { stream: true } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    const iterator = response.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('data: one\n\n');
    release.resolve();
    expect(await collectText({ [Symbol.asyncIterator]: () => iterator })).toBe('data: two\n\n');
  });

  it('throws the mapped error for a non-2xx stream response', async () => {
    const { client } = await setup((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
      response.end('{"type":"error","error":{"type":"rate_limit_error","message":"Too many"}}');
    });
    const error = await rejectionOf(client.requestStream({ method: 'POST', path: '/messages', body: {} }));
    expect(error.code).toBe('rate_limit');
    expect(error.retryAfterMs).toBe(3000);
    expect(error.providerCode).toBe('rate_limit_error');
    expect(error.message).toBe('HTTP 429: Too many');
  });

  it('enforces the first-byte timeout on the headers', async () => {
    const { server, client } = await setup(() => {}, { firstByteTimeoutMs: 50 });
    useFakeDeadlineTimers();
    const pending = rejectionOf(client.requestStream({ method: 'POST', path: '/chat', body: {} }));
    await server.requestArrived(0);
    vi.advanceTimersByTime(50);
    const error = await pending;
    expect(error.code).toBe('timeout');
    await server.socketClosed(0);
  });

  it('fails with timeout when the body stalls longer than idleTimeoutMs, and closes the socket', async () => {
    const { server, client } = await setup(
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: one\n\n');
      },
      { idleTimeoutMs: 50 },
    );
    useFakeDeadlineTimers();
    const response = await client.requestStream({ method: 'POST', path: '/chat', body: {} });
    const iterator = response.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('data: one\n\n');
    // the reader now waits for the next chunk, which never comes
    const pending = rejectionOf(iterator.next());
    vi.advanceTimersByTime(50);
    const error = await pending;
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('The response body stalled for more than 50 ms');
    await server.socketClosed(0);
  });

  it('applies the whole-request deadline to the stream body too', async () => {
    const { server, client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
    });
    useFakeDeadlineTimers();
    const response = await client.requestStream({ method: 'POST', path: '/chat', body: {}, timeoutMs: 150 });
    const iterator = response.body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const pending = rejectionOf(iterator.next());
    vi.advanceTimersByTime(150);
    const error = await pending;
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('The request did not complete within 150 ms');
    await server.socketClosed(0);
  });

  it.each([
    ['without a deadline', undefined],
    ['with a deadline', 60_000],
  ])('closes the socket when the signal aborts mid-stream (%s)', async (_label, timeoutMs) => {
    const { server, client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
    });
    const controller = new AbortController();
    const response = await client.requestStream({
      method: 'POST',
      path: '/chat',
      body: {},
      signal: controller.signal,
      ...(timeoutMs !== undefined && { timeoutMs }),
    });
    const iterator = response.body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    controller.abort();
    const error = await rejectionOf(iterator.next());
    expect(error.code).toBe('cancelled');
    await server.socketClosed(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('closes the socket when the consumer breaks out of for-await', async () => {
    const { server, client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
    });
    const controller = new AbortController();
    const response = await client.requestStream({
      method: 'POST',
      path: '/chat',
      body: {},
      signal: controller.signal,
      timeoutMs: 60_000,
    });
    for await (const chunk of response.body) {
      expect(Buffer.from(chunk).toString()).toBe('data: one\n\n');
      break;
    }
    await server.socketClosed(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('closes the socket when decodeSse is abandoned after the first event', async () => {
    const { server, client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': ping\n\ndata: {"delta":"Hel"}\n\n');
    });
    const response = await client.requestStream({ method: 'POST', path: '/chat', body: { stream: true } });
    const events = [];
    for await (const event of decodeSse(response.body)) {
      events.push(event);
      break;
    }
    expect(events.map((event) => event.data)).toEqual(['{"delta":"Hel"}']);
    await server.socketClosed(0);
  });

  it('turns a connection reset mid-stream into a network error', async () => {
    const reset = deferred();
    const { client } = await setup(async (request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      // reset only once the client read the first chunk: a reset can discard unread data
      await reset.promise;
      request.socket.resetAndDestroy();
    });
    const response = await client.requestStream({ method: 'POST', path: '/chat', body: {} });
    const iterator = response.body[Symbol.asyncIterator]();
    const received = [Buffer.from((await iterator.next()).value as Uint8Array).toString()];
    reset.resolve();
    const error = await rejectionOf(
      (async () => {
        for (;;) {
          const result = await iterator.next();
          if (result.done === true) return;
          received.push(Buffer.from(result.value).toString());
        }
      })(),
    );
    expect(received).toEqual(['data: one\n\n']);
    expect(error.code).toBe('network');
    expect(error.providerId).toBe('acme');
  });

  it('reuses the connection after a stream is read to its end', async () => {
    const { server, client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('data: done\n\n');
    });
    for (let round = 0; round < 3; round++) {
      const response = await client.requestStream({ method: 'POST', path: '/chat', body: {} });
      expect(await collectText(response.body)).toBe('data: done\n\n');
    }
    const ports = new Set(server.requests.map((request) => request.headers.host));
    expect(ports.size).toBe(1);
    expect(server.requests).toHaveLength(3);
  });
});
