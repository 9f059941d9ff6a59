import {
  type CompletionRequest,
  ConfigError,
  ConnectorError,
  createHub,
  type ErrorCode,
  type Middleware,
  type MiddlewareContext,
  type ModelInfo,
  type Target,
} from '@hub/core';
import {
  createEmbeddingMock,
  createTestContext,
  type EmbeddingMock,
  type MockPlugin,
  mockPlugin,
} from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { fallback } from './fallback.js';
import type { FallbackOptions } from './fallback-options.js';
import { fallbackPlugin } from './fallback-plugin.js';

const request: CompletionRequest = { model: 'main', messages: [{ role: 'user', content: 'hi' }] };

const target = (address: string): Target => {
  const [providerId, model] = address.split('/') as [string, string];
  return { providerId, model };
};

/** A real middleware context at some attempt of a call. */
function contextAt(fields: {
  current?: string;
  remaining?: readonly string[];
  fallbacks?: number;
  contentYielded?: boolean;
}) {
  const current = target(fields.current ?? 'a/m');
  return createTestContext({
    providerId: current.providerId,
    model: current.model,
    remainingTargets: (fields.remaining ?? []).map(target),
    fallbacks: fields.fallbacks ?? 0,
    contentYielded: fields.contentYielded ?? false,
  });
}

const errorOf = (code: ErrorCode): ConnectorError => new ConnectorError(code, `failed with ${code}`);

/** Runs one attempt (onRequest, then onError with `code`) and returns the decision. */
async function decide(
  middleware: ReturnType<typeof fallback>,
  context: MiddlewareContext,
  code: ErrorCode,
): Promise<unknown> {
  await middleware.onRequest?.({ ...request, model: context.model }, context);
  return middleware.onError?.(errorOf(code), context);
}

const failing = (providerId: string, code: ErrorCode): MockPlugin =>
  mockPlugin({
    providerId,
    defaultReply: () => ({
      type: 'error',
      error: new ConnectorError(code, `${providerId} ${code}`, { providerId }),
    }),
  });

describe('fallback (decisions)', () => {
  it('moves to the next route candidate on each default code', async () => {
    for (const code of [
      'rate_limit',
      'provider',
      'overloaded',
      'network',
      'timeout',
      'circuit_open',
      'stream',
      'parse',
    ] as const) {
      const context = contextAt({ remaining: ['b/m'] });
      expect(await decide(fallback(), context, code), code).toEqual({ type: 'fallback' });
    }
  });

  it('lets other codes through', async () => {
    for (const code of [
      'invalid_request',
      'authentication',
      'permission',
      'context_length_exceeded',
      'content_filter',
      'cancelled',
    ] as const) {
      const context = contextAt({ remaining: ['b/m'] });
      expect(await decide(fallback(), context, code), code).toBeUndefined();
    }
  });

  it('sends context-length and content-filter errors to their configured targets', async () => {
    const middleware = fallback({
      contextLengthFallback: 'openai/gpt-4.1',
      contentFilterFallback: 'anthropic',
    });
    expect(await decide(middleware, contextAt({}), 'context_length_exceeded')).toEqual({
      type: 'fallback',
      target: 'openai/gpt-4.1',
    });
    expect(await decide(middleware, contextAt({}), 'content_filter')).toEqual({
      type: 'fallback',
      target: 'anthropic',
    });
  });

  it('applies custom rules over the defaults', async () => {
    const middleware = fallback({
      rules: { rate_limit: false, quota_exceeded: 'next', not_found: 'b/other-model' },
    });
    expect(await decide(middleware, contextAt({ remaining: ['b/m'] }), 'rate_limit')).toBeUndefined();
    expect(await decide(middleware, contextAt({ remaining: ['b/m'] }), 'quota_exceeded')).toEqual({
      type: 'fallback',
    });
    expect(await decide(middleware, contextAt({}), 'not_found')).toEqual({
      type: 'fallback',
      target: 'b/other-model',
    });
  });

  it('never picks a target already tried in the call', async () => {
    // room for every move below, so only the targets already tried stop it
    const middleware = fallback({ contextLengthFallback: 'a', maxFallbacks: 3 });
    // a was tried, then an explicit fallback reached b/m; the route still lists b/m and c/m
    const context = contextAt({ current: 'a/m', remaining: ['b/m', 'c/m'] });
    await middleware.onRequest?.(request, context);
    context.nextAttempt({ providerId: 'b' });
    expect(await decide(middleware, context, 'provider')).toEqual({ type: 'fallback', target: 'c/m' });
    context.nextAttempt({ providerId: 'c', remainingTargets: [target('b/m')] });
    expect(await decide(middleware, context, 'provider')).toBeUndefined();
    expect(context.metadata.get('fallback.stopped')).toBe('no-untried-target');
    // "a" means a with the current model: a/m, tried first
    expect(await decide(middleware, context, 'context_length_exceeded')).toBeUndefined();
    expect(context.metadata.get('fallback.stopped')).toBe('already-tried');
  });

  it('stops after maxFallbacks fallbacks in a call', async () => {
    const context = contextAt({ remaining: ['b/m'], fallbacks: 2 });
    expect(await decide(fallback(), context, 'provider')).toBeUndefined();
    expect(context.metadata.get('fallback.stopped')).toBe('max-fallbacks');
    const allowed = contextAt({ remaining: ['b/m'], fallbacks: 2 });
    expect(await decide(fallback({ maxFallbacks: 3 }), allowed, 'provider')).toEqual({ type: 'fallback' });
  });

  it('never falls back once a stream yielded content', async () => {
    const context = contextAt({ remaining: ['b/m'], contentYielded: true });
    expect(await decide(fallback(), context, 'stream')).toBeUndefined();
  });

  it('validates options when created, naming the field', () => {
    const cases: Array<[FallbackOptions, string]> = [
      [{ maxFallbacks: -1 }, 'maxFallbacks'],
      [{ maxFallbacks: 0.5 }, 'maxFallbacks'],
      [{ contextLengthFallback: '' }, 'contextLengthFallback'],
      [{ contentFilterFallback: 'has space/model' }, 'contentFilterFallback'],
      [{ contentFilterFallback: 'provider/' }, 'contentFilterFallback'],
      [{ rules: { bogus: 'next' } as NonNullable<FallbackOptions['rules']> }, 'rules.bogus'],
      [{ rules: { cancelled: 'next' } }, 'rules.cancelled'],
      [{ rules: { provider: 42 as unknown as string } }, 'rules.provider'],
    ];
    for (const [options, path] of cases) {
      let thrown: unknown;
      try {
        fallback(options);
      } catch (error) {
        thrown = error;
      }
      expect(ConfigError.isConfigError(thrown), path).toBe(true);
      expect((thrown as ConfigError).path).toBe(path);
    }
  });
});

describe('fallback (through a hub)', () => {
  it('answers from the next target when one answered a body that does not parse', async () => {
    // the chaos suite's finding: a garbled 200 from one of two targets was a 502, never retried
    // (parse is not retryable) and never sent to the healthy target
    const a = failing('a', 'parse');
    const b = mockPlugin({ providerId: 'b' });
    const hub = createHub({
      plugins: [a, b, fallbackPlugin()],
      routes: { main: ['a/mock-1', 'b/mock-1'] },
      fallbackWhen: () => false,
    });
    const response = await hub.complete(request);
    expect(response.provider).toBe('b');
    expect([a.provider.calls.length, b.provider.calls.length]).toEqual([1, 1]);
  });

  it('follows the route, then a configured target', async () => {
    const a = failing('a', 'overloaded');
    const b = failing('b', 'content_filter');
    const c = mockPlugin({ providerId: 'c' });
    const hub = createHub({
      plugins: [a, b, c, fallbackPlugin({ contentFilterFallback: 'c/mock-1' })],
      routes: { main: ['a/mock-1', 'b/mock-1'] },
      fallbackWhen: () => false,
    });
    const response = await hub.complete(request);
    expect(response.provider).toBe('c');
    expect([a.provider.calls.length, b.provider.calls.length, c.provider.calls.length]).toEqual([1, 1, 1]);
  });

  it('does not return to a target it already reached by an explicit fallback', async () => {
    const a = failing('a', 'context_length_exceeded');
    const b = failing('b', 'provider');
    const hub = createHub({
      plugins: [a, b],
      middleware: [fallback({ contextLengthFallback: 'b/mock-1' })],
      routes: { main: ['a/mock-1', 'b/mock-1'] },
      fallbackWhen: () => false,
    });
    await expect(hub.complete(request)).rejects.toMatchObject({ code: 'provider' });
    // b/mock-1 is still "next" in the route as the hub sees it; loop protection skipped it
    expect(b.provider.calls).toHaveLength(1);
  });

  it('caps fallbacks per call', async () => {
    const plugins = ['a', 'b', 'c', 'd'].map((id) => failing(id, 'provider'));
    const hub = createHub({
      plugins,
      middleware: [fallback({ maxFallbacks: 2 })],
      routes: { main: ['a/mock-1', 'b/mock-1', 'c/mock-1', 'd/mock-1'] },
      fallbackWhen: () => false,
    });
    await expect(hub.complete(request)).rejects.toMatchObject({ code: 'provider', providerId: 'c' });
    expect(plugins.map((plugin) => plugin.provider.calls.length)).toEqual([1, 1, 1, 0]);
  });

  it('falls back for a stream that failed before content, not after', async () => {
    const a = mockPlugin({
      providerId: 'a',
      script: [
        { type: 'error', error: new ConnectorError('network', 'reset') },
        { type: 'error', error: new ConnectorError('stream', 'cut'), afterChunks: 1 },
      ],
    });
    const b = mockPlugin({ providerId: 'b' });
    const hub = createHub({
      plugins: [a, b],
      middleware: [fallback()],
      routes: { main: ['a/mock-1', 'b/mock-1'] },
      fallbackWhen: () => false,
    });
    let text = '';
    for await (const chunk of hub.stream(request)) if (chunk.type === 'text-delta') text += chunk.text;
    expect(text).toBe('Echo: hi');

    const received: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of hub.stream(request))
          if (chunk.type === 'text-delta') received.push(chunk.text);
      })(),
    ).rejects.toMatchObject({ code: 'stream' });
    expect(received).toHaveLength(1);
    expect(b.provider.calls).toHaveLength(1);
  });
});

describe('fallback (embeddings and token counting)', () => {
  const embeddingModel = (id: string, dimensions: number): ModelInfo => ({
    id,
    contextWindow: 8192,
    capabilities: { streaming: false, tools: false, vision: false, json: false, embedding: true },
    embedding: { dimensions },
  });
  /** An embedding provider whose next embed calls fail with `codes`, one per call. */
  const embedder = (providerId: string, model: ModelInfo, codes: ErrorCode[] = []): EmbeddingMock => {
    const provider = createEmbeddingMock({
      providerId,
      models: [model],
      dimensions: model.embedding?.dimensions ?? 3,
    });
    for (const code of codes)
      provider.failures.push(new ConnectorError(code, `${providerId} ${code}`, { providerId }));
    return provider;
  };

  it('falls back along the route for an embedding call, which a chat-only middleware never sees', async () => {
    const a = embedder('a', embeddingModel('small', 1536), ['overloaded']);
    const b = embedder('b', embeddingModel('small', 1536));
    const chatOnly: string[] = [];
    const thirdParty: Middleware = {
      name: 'chat-only',
      onError: (_error, context) => {
        chatOnly.push(context.operation);
      },
    };
    const hub = createHub({
      providers: [a, b],
      middleware: [fallback(), thirdParty],
      routes: { vectors: ['a/small', 'b/small'] },
      // only the middleware decides: the hub's own fallback would hide whether it acted
      fallbackWhen: () => false,
    });
    const response = await hub.embed({ model: 'vectors', input: ['x', 'y'] });
    expect(response.provider).toBe('b');
    expect(response.embeddings.map((vector) => vector.length)).toEqual([1536, 1536]);
    expect([a.embedCalls.length, b.embedCalls.length]).toEqual([1, 1]);
    expect(chatOnly).toEqual([]);
  });

  it('never names an embedding target the hub did not plan, whose vectors could differ in length', async () => {
    const a = embedder('a', embeddingModel('small', 1536), ['context_length_exceeded']);
    const large = embedder('large', embeddingModel('long-input', 3072));
    const middleware = fallback({ contextLengthFallback: 'large/long-input' });
    let stopped: string | undefined;
    const observer: Middleware<'embed'> = {
      name: 'observer',
      operations: ['embed'],
      onSettled: (_outcome, context) => {
        stopped = context.metadata.get('fallback.stopped');
      },
    };
    const hub = createHub({
      providers: [a, large],
      middleware: [observer, middleware],
      fallbackWhen: () => false,
    });
    await expect(hub.embed({ model: 'a/small', input: 'x' })).rejects.toMatchObject({
      code: 'context_length_exceeded',
    });
    expect(large.embedCalls).toHaveLength(0);
    expect(stopped).toBe('not-in-plan');

    // the same rule for a completion still moves to the named target
    const chat = failing('a', 'context_length_exceeded');
    const bigger = mockPlugin({ providerId: 'large' });
    const chatHub = createHub({
      plugins: [chat, bigger],
      middleware: [middleware],
      fallbackWhen: () => false,
    });
    expect((await chatHub.complete({ ...request, model: 'a/mock-1' })).provider).toBe('large');
  });

  it('names a planned embedding target when the rule names one', async () => {
    const a = embedder('a', embeddingModel('small', 1536), ['content_filter']);
    const b = embedder('b', embeddingModel('other', 768));
    const c = embedder('c', embeddingModel('small', 1536));
    const hub = createHub({
      providers: [a, b, c],
      middleware: [fallback({ contentFilterFallback: 'c/small' })],
      routes: { vectors: ['a/small', 'b/other', 'c/small'] },
      fallbackWhen: () => false,
    });
    const response = await hub.embed({ model: 'vectors', input: 'x' });
    expect(response.provider).toBe('c');
    expect(b.embedCalls).toHaveLength(0);
  });

  it('does not fall back a token count to another model', async () => {
    const a = embedder('a', embeddingModel('small', 1536), ['overloaded']);
    const b = embedder('b', embeddingModel('small', 1536));
    const hub = createHub({
      providers: [a, b],
      middleware: [fallback()],
      routes: { main: ['a/mock-1', 'b/mock-1'] },
      fallbackWhen: () => false,
    });
    await expect(hub.countTokens({ ...request, model: 'main' })).rejects.toMatchObject({
      code: 'overloaded',
    });
    expect(b.embedCalls).toHaveLength(0);
  });
});
