import {
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  ConnectorError,
  createHub,
  type Middleware,
} from '@hub/core';
import { mockPlugin } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { createSanitizer } from './create-sanitizer.js';
import { logging } from './logging.js';
import { loggingPlugin } from './logging-plugin.js';
import { captureLogger } from './test-support/capture-logger.js';

const PROMPT = 'What is the capital of France?';
const ANSWER = 'Paris is the capital of France.';

const request = (model = 'mock/mock-1'): CompletionRequest => ({
  model,
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: PROMPT },
  ],
  metadata: { tenant: 'acme' },
});

const usage = {
  inputTokens: 20,
  outputTokens: 8,
  totalTokens: 28,
  cachedInputTokens: 16,
  reasoningTokens: 3,
};

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // consume everything
  }
}

/** A cache stand-in: answers without the provider and annotates like @hub/middleware-cache. */
const fakeCache = (response: CompletionResponse): Middleware => ({
  name: 'fake-cache',
  onRequest(_request, context) {
    context.metadata.set('cache.hit', 'true');
    return { response };
  },
});

describe('logging', () => {
  it('writes one line with every field for a completed call', async () => {
    const { logger, lines } = captureLogger('info');
    const mock = mockPlugin({ script: [{ type: 'response', response: { text: ANSWER, usage } }] });
    const hub = createHub({ plugins: [mock], middleware: [logging({ logger })] });
    await hub.complete(request(), { requestId: 'req-complete' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      level: 30,
      msg: 'hub call succeeded',
      event: 'hub.call',
      requestId: 'req-complete',
      operation: 'complete',
      provider: 'mock',
      model: 'mock-1',
      messages: 2,
      latencyMs: expect.any(Number),
      attempts: 1,
      fallbacks: 0,
      outcome: 'success',
      cached: false,
      finishReason: 'stop',
      responseModel: 'mock-1',
      tokens: { input: 20, output: 8, cached: 16, reasoning: 3 },
      metadata: { tenant: 'acme' },
    });
    expect(lines[0]?.latencyMs as number).toBeGreaterThanOrEqual(0);
  });

  it('adds the time to first token for streams', async () => {
    const { logger, lines } = captureLogger('info');
    const mock = mockPlugin({ script: [{ type: 'text', text: ANSWER, usage }] });
    const hub = createHub({
      plugins: [mock],
      middleware: [logging({ logger })],
      routes: { fast: ['mock/mock-1'] },
    });
    await drain(hub.stream(request('fast'), { requestId: 'req-stream' }));
    expect(lines).toEqual([
      {
        level: 30,
        msg: 'hub call succeeded',
        event: 'hub.call',
        requestId: 'req-stream',
        operation: 'stream',
        provider: 'mock',
        model: 'mock-1',
        route: 'fast',
        messages: 2,
        latencyMs: expect.any(Number),
        ttftMs: expect.any(Number),
        attempts: 1,
        fallbacks: 0,
        outcome: 'success',
        cached: false,
        finishReason: 'stop',
        responseModel: 'mock-1',
        tokens: { input: 20, output: 8, cached: 16, reasoning: 3 },
        metadata: { tenant: 'acme' },
      },
    ]);
    const line = lines[0] as { ttftMs: number; latencyMs: number };
    expect(line.ttftMs).toBeGreaterThanOrEqual(0);
    expect(line.ttftMs).toBeLessThanOrEqual(line.latencyMs);
  });

  it('logs a failed call with the error fields, and each failed attempt at debug', async () => {
    const { logger, lines } = captureLogger('debug');
    const first = mockPlugin({
      providerId: 'first',
      script: [
        {
          type: 'error',
          error: new ConnectorError('overloaded', 'The server is overloaded.', {
            providerId: 'first',
            status: 529,
          }),
        },
      ],
    });
    const second = mockPlugin({
      providerId: 'second',
      script: [
        {
          type: 'error',
          error: new ConnectorError('rate_limit', 'Rate limit reached for requests.', {
            providerId: 'second',
            status: 429,
            providerCode: 'rate_limit_exceeded',
            cause: { request: { headers: { authorization: 'Bearer should-never-appear-123' } } },
          }),
        },
      ],
    });
    const hub = createHub({
      plugins: [first, second],
      routes: { default: ['first/mock-1', 'second/mock-1'] },
      middleware: [logging({ logger })],
    });
    await expect(hub.complete(request('default'), { requestId: 'req-fail' })).rejects.toMatchObject({
      code: 'rate_limit',
    });
    expect(lines).toEqual([
      {
        level: 20,
        msg: 'hub attempt failed',
        event: 'hub.attempt',
        requestId: 'req-fail',
        operation: 'complete',
        provider: 'first',
        model: 'mock-1',
        route: 'default',
        attempt: 1,
        latencyMs: expect.any(Number),
        contentYielded: false,
        error: {
          code: 'overloaded',
          message: 'The server is overloaded.',
          retryable: true,
          status: 529,
          providerId: 'first',
        },
      },
      {
        level: 20,
        msg: 'hub attempt failed',
        event: 'hub.attempt',
        requestId: 'req-fail',
        operation: 'complete',
        provider: 'second',
        model: 'mock-1',
        route: 'default',
        attempt: 2,
        latencyMs: expect.any(Number),
        contentYielded: false,
        error: {
          code: 'rate_limit',
          message: 'Rate limit reached for requests.',
          retryable: true,
          status: 429,
          providerId: 'second',
          providerCode: 'rate_limit_exceeded',
        },
      },
      {
        level: 50,
        msg: 'hub call failed',
        event: 'hub.call',
        requestId: 'req-fail',
        operation: 'complete',
        provider: 'second',
        model: 'mock-1',
        route: 'default',
        messages: 2,
        latencyMs: expect.any(Number),
        attempts: 2,
        fallbacks: 1,
        outcome: 'rate_limit',
        cached: false,
        error: {
          code: 'rate_limit',
          message: 'Rate limit reached for requests.',
          retryable: true,
          status: 429,
          providerId: 'second',
          providerCode: 'rate_limit_exceeded',
        },
        metadata: { tenant: 'acme' },
      },
    ]);
  });

  it('marks a cache short-circuit as cached, for complete and stream', async () => {
    const { logger, lines } = captureLogger('info');
    const cachedResponse: CompletionResponse = {
      id: 'cached-1',
      provider: 'mock',
      model: 'mock-1',
      text: ANSWER,
      content: [{ type: 'text', text: ANSWER }],
      finishReason: 'stop',
      usage: { inputTokens: 20, outputTokens: 8, totalTokens: 28 },
    };
    const mock = mockPlugin();
    const hub = createHub({ plugins: [mock], middleware: [logging({ logger }), fakeCache(cachedResponse)] });
    await hub.complete(request(), { requestId: 'req-cached' });
    await drain(hub.stream(request(), { requestId: 'req-cached-stream' }));
    expect(mock.provider.calls).toHaveLength(0);
    const expected = {
      level: 30,
      msg: 'hub call succeeded',
      event: 'hub.call',
      provider: 'mock',
      model: 'mock-1',
      messages: 2,
      latencyMs: expect.any(Number),
      attempts: 1,
      fallbacks: 0,
      outcome: 'success',
      cached: true,
      finishReason: 'stop',
      responseModel: 'mock-1',
      tokens: { input: 20, output: 8 },
      metadata: { tenant: 'acme' },
      annotations: { 'cache.hit': 'true' },
    };
    expect(lines).toEqual([
      { ...expected, requestId: 'req-cached', operation: 'complete' },
      { ...expected, requestId: 'req-cached-stream', operation: 'stream' },
    ]);
  });

  it('logs a stream its caller abandoned as cancelled, at warn', async () => {
    const { logger, lines } = captureLogger('info');
    const mock = mockPlugin({ script: [{ type: 'hang', text: 'partial' }] });
    const hub = createHub({ plugins: [mock], middleware: [logging({ logger })] });
    for await (const _chunk of hub.stream(request())) break;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'hub call failed',
      operation: 'stream',
      outcome: 'cancelled',
      ttftMs: expect.any(Number),
      error: { code: 'cancelled' },
    });
  });

  it('leaves prompt and completion text out by default and logs them when enabled', async () => {
    const run = async (includeContent: boolean, stream: boolean) => {
      const { logger, raw, lines } = captureLogger('info');
      const mock = mockPlugin({ script: [{ type: 'text', text: ANSWER }] });
      const hub = createHub({
        plugins: [mock],
        middleware: [logging({ logger, sanitizer: createSanitizer({ includeContent }) })],
      });
      if (stream) await drain(hub.stream(request()));
      else await hub.complete(request());
      return { text: raw.join(''), line: lines[0] as Record<string, unknown> };
    };
    for (const stream of [false, true]) {
      const hidden = await run(false, stream);
      expect(hidden.text).not.toContain(PROMPT);
      expect(hidden.text).not.toContain('Answer briefly.');
      expect(hidden.text).not.toContain('Paris');
      expect(hidden.line).not.toHaveProperty('prompt');
      expect(hidden.line).not.toHaveProperty('completion');

      const shown = await run(true, stream);
      expect(shown.line.completion).toBe(ANSWER);
      expect(shown.line.prompt).toEqual([
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: PROMPT },
      ]);
    }
  });

  it('logs inline images by size, not by their bytes', async () => {
    const { logger, lines } = captureLogger('info');
    const hub = createHub({
      plugins: [mockPlugin()],
      middleware: [logging({ logger, sanitizer: createSanitizer({ includeContent: true }) })],
    });
    await hub.complete({
      model: 'mock/mock-1',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            {
              type: 'image',
              source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo='.repeat(100) },
            },
          ],
        },
      ],
    });
    expect(lines[0]?.prompt).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe' },
          { type: 'image', source: { type: 'base64', mediaType: 'image/png', bytes: 900 } },
        ],
      },
    ]);
  });

  it("applies the sanitizer's redact paths itself, without touching the request", async () => {
    const { logger, lines } = captureLogger('info');
    // a sanitizer that only declares paths: whatever is redacted here was redacted by the paths
    const pathsOnly = {
      ...createSanitizer(),
      redactPaths: ['metadata.tenant'],
      value: (value: unknown) => value,
    };
    const hub = createHub({
      plugins: [mockPlugin()],
      middleware: [logging({ logger, sanitizer: pathsOnly })],
    });
    const sent = request();
    await hub.complete(sent);
    expect(lines[0]?.metadata).toEqual({ tenant: '[REDACTED]' });
    expect(sent.metadata).toEqual({ tenant: 'acme' });
  });

  it('censors the line fields that redactFields name, at the top level and nested', async () => {
    const { logger, lines } = captureLogger('info');
    const sanitizer = createSanitizer({ redactFields: ['requestId', 'tokens.cached', 'metadata.*'] });
    const mock = mockPlugin({ script: [{ type: 'text', text: ANSWER, usage }] });
    const hub = createHub({ plugins: [mock], middleware: [logging({ logger, sanitizer })] });
    await hub.complete(
      { ...request(), metadata: { tenant: 'acme', region: 'eu' } },
      { requestId: 'customer-4711' },
    );
    expect(lines[0]).toMatchObject({
      requestId: '[REDACTED]',
      provider: 'mock',
      metadata: { tenant: '[REDACTED]', region: '[REDACTED]' },
      tokens: { input: 20, output: 8, cached: '[REDACTED]', reasoning: 3 },
    });
    expect(JSON.stringify(lines)).not.toContain('customer-4711');
  });

  it('rejects a sanitizer whose redact paths are not pino paths, naming the entry', () => {
    const sanitizer = { ...createSanitizer(), redactPaths: ['metadata.ok', 'not a path'] };
    let thrown: unknown;
    try {
      logging({ sanitizer });
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isConfigError(thrown)).toBe(true);
    expect((thrown as ConfigError).path).toBe('sanitizer.redactPaths.1');
  });

  it('honours custom levels and skips work for disabled ones', async () => {
    const { logger, lines } = captureLogger('warn');
    const hub = createHub({
      plugins: [mockPlugin()],
      middleware: [logging({ logger, levels: { success: 'warn' }, includeMetadata: false })],
    });
    await hub.complete(request());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, outcome: 'success' });
    expect(lines[0]).not.toHaveProperty('metadata');
  });

  it('registers through its plugin', async () => {
    const { logger, lines } = captureLogger('info');
    const plugin = loggingPlugin({ logger });
    expect(plugin.name).toBe('@hub/middleware-logging');
    const hub = createHub({ plugins: [plugin, mockPlugin()] });
    await hub.complete(request());
    expect(lines).toHaveLength(1);
  });

  it('validates its options when created, naming the field', () => {
    const cases: Array<[() => unknown, string]> = [
      [() => logging({ levels: { success: 'loud' as never } }), 'levels.success'],
      [() => logging({ logger: {} as never }), 'logger'],
      [() => logging({ sanitizer: {} as never }), 'sanitizer'],
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
    // the default logger writes to stdout; creating it does no I/O
    expect(logging().name).toBe('logging');
  });
});
