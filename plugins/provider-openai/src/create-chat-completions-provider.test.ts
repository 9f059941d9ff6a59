import { ConfigError, type LLMProvider } from '@hub/core';
import { collectChunks as collect, createScriptedServer, type ScriptedServer } from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatCompletionsProviderOptions } from './chat-completions-provider-options.js';
import { createChatCompletionsProvider } from './create-chat-completions-provider.js';
import { completionBody, textChunk } from './test-support/chat-completions-wire.js';

describe('createChatCompletionsProvider', () => {
  let server: ScriptedServer;
  let provider: LLMProvider | undefined;
  const create = (options: Partial<ChatCompletionsProviderOptions> = {}): LLMProvider => {
    provider = createChatCompletionsProvider({
      providerId: 'local',
      baseUrl: `${server.url}/v1`,
      ...options,
    });
    return provider;
  };

  beforeEach(async () => {
    server = await createScriptedServer();
  });
  afterEach(async () => {
    await provider?.close?.();
    await server.close();
  });

  it('checks its options before any I/O, naming each field', () => {
    try {
      createChatCompletionsProvider({
        providerId: 'Not Valid',
        baseUrl: 'http://x',
        timeoutMs: -1,
        idleTimeoutMs: 1.5,
      });
      expect.unreachable();
    } catch (error) {
      expect(ConfigError.isConfigError(error)).toBe(true);
      expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual([
        'providerId',
        'timeoutMs',
        'idleTimeoutMs',
      ]);
    }
    expect(() => createChatCompletionsProvider({ providerId: 'x', baseUrl: 'not a url' })).toThrow(/baseUrl/);
  });

  it('without quirks speaks like OpenAI', async () => {
    server.enqueue({ frames: [textChunk('Hi'), textChunk('', 'stop'), 'data: [DONE]\n\n'] });
    await collect(
      create().streamCompletion({ model: 'o3', messages: [{ role: 'user', content: 'x' }], maxTokens: 5 }),
    );
    expect(server.requests[0]?.json()).toEqual({
      model: 'o3',
      messages: [{ role: 'user', content: 'x' }],
      max_completion_tokens: 5,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('quirks: no stream_options, max_tokens only, no strict, no reasoning models', async () => {
    create({
      quirks: {
        streamUsage: false,
        maxTokensField: 'max_tokens',
        strictSchemas: false,
        isReasoningModel: () => false,
      },
    });
    server.enqueue({ frames: [textChunk('Hi'), textChunk('', 'stop'), 'data: [DONE]\n\n'] });
    const chunks = await collect(
      (provider as LLMProvider).streamCompletion({
        model: 'o3',
        messages: [{ role: 'user', content: 'x' }],
        maxTokens: 5,
        temperature: 0.1,
        tools: [{ name: 't', parameters: { type: 'object' }, strict: true }],
        responseFormat: { type: 'json_schema', name: 's', schema: { type: 'object' } },
      }),
    );
    expect(server.requests[0]?.json()).toEqual({
      model: 'o3',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.1,
      max_tokens: 5,
      tools: [{ type: 'function', function: { name: 't', parameters: { type: 'object' } } }],
      response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' } } },
      stream: true,
    });
    // usage missing from the stream: the finish chunk carries none, folding reads zero tokens
    expect(chunks.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      responseId: 'chatcmpl-test',
      model: 'gpt-4o-mini',
    });
  });

  it('quirks renameFields and omitFields adjust the body before providerParams', async () => {
    create({ quirks: { renameFields: { seed: 'random_seed', absent: 'never' }, omitFields: ['user'] } });
    server.enqueue({ body: completionBody('ok') }, { body: completionBody('ok') });
    const request = { model: 'm', messages: [{ role: 'user' as const, content: 'x' }], seed: 3, user: 'u' };
    await (provider as LLMProvider).sendCompletion(request);
    expect(server.requests[0]?.json()).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      random_seed: 3,
    });
    await (provider as LLMProvider).sendCompletion({
      ...request,
      providerParams: { local: { user: 'kept' } },
    });
    expect(server.requests[1]?.json<Record<string, unknown>>().user).toBe('kept');
  });

  it('quirk maxTokensField: max_completion_tokens for every model', async () => {
    create({ quirks: { maxTokensField: 'max_completion_tokens' } });
    server.enqueue({ body: completionBody('ok') });
    await (provider as LLMProvider).sendCompletion({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      maxTokens: 9,
    });
    expect(server.requests[0]?.json<Record<string, unknown>>().max_completion_tokens).toBe(9);
  });

  it('quirk requireDoneMarker off: an end after finish_reason completes the stream', async () => {
    create({ quirks: { requireDoneMarker: false } });
    server.enqueue({ frames: [textChunk('Hi'), textChunk('', 'stop')] });
    const chunks = await collect(
      (provider as LLMProvider).streamCompletion({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(chunks.map((chunk) => chunk.type)).toEqual(['text-delta', 'finish']);
  });

  it('uses chatPath, wireModel and modelsPath', async () => {
    create({
      chatPath: (model) => `/engines/${model}/chat`,
      wireModel: (model) => `${model}-deployed`,
      modelsPath: '/engines',
    });
    server.enqueue({ body: completionBody('ok') }, { body: { data: [{ id: 'served-1' }] } });
    await (provider as LLMProvider).sendCompletion({
      model: 'm1',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(server.requests[0]?.url).toBe('/v1/engines/m1/chat');
    expect(server.requests[0]?.json<{ model: string }>().model).toBe('m1-deployed');
    const metadata = await (provider as LLMProvider).getMetadata();
    expect(server.requests[1]?.url).toBe('/v1/engines');
    expect(metadata.models.map((model) => model.id)).toEqual(['served-1']);
    expect(metadata.displayName).toBe('local');
  });

  it('reads the model list once per metadata period, and again after clearMetadata', async () => {
    const created = createChatCompletionsProvider({ providerId: 'local', baseUrl: `${server.url}/v1` });
    provider = created;
    server.enqueue({ body: { data: [{ id: 'a' }] } }, { body: { data: [{ id: 'b' }] } });
    expect((await created.getMetadata()).models.map((model) => model.id)).toEqual(['a']);
    expect((await created.getMetadata()).models.map((model) => model.id)).toEqual(['a']);
    created.clearMetadata();
    expect((await created.getMetadata()).models.map((model) => model.id)).toEqual(['b']);
    expect(server.requests).toHaveLength(2);
  });
});
