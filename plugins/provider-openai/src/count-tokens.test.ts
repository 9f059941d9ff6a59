import { createHub, type LLMProvider } from '@hub/core';
import { createScriptedServer, catchConnectorError as failure, type ScriptedServer } from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAzureOpenAIProvider } from './azure-openai-provider.js';
import { openai } from './openai-plugin.js';
import { createOpenAIProvider } from './openai-provider.js';
import { FAKE_OPENAI_KEY, fixtures } from './test-support/chat-completions-wire.js';

describe('countTokens with POST /v1/responses/input_tokens', () => {
  let server: ScriptedServer;
  let provider: LLMProvider;
  const count = (request: Parameters<NonNullable<LLMProvider['countTokens']>>[0], signal?: AbortSignal) =>
    (provider.countTokens as NonNullable<LLMProvider['countTokens']>)(
      request,
      signal === undefined ? {} : { signal },
    );

  beforeEach(async () => {
    server = await createScriptedServer();
    provider = createOpenAIProvider({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/v1`, env: {} });
  });
  afterEach(async () => {
    await provider.close?.();
    await server.close();
  });

  it('posts the input as the Responses API takes it, without generation settings, and answers exactly', async () => {
    server.enqueue({ body: fixtures.json('responses-input-tokens.json') });
    const parameters = { type: 'object', properties: { city: { type: 'string' } } };
    const counted = await count({
      model: 'o4-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Tell me a joke.' },
      ],
      tools: [{ name: 'get_weather', parameters }],
      toolChoice: 'auto',
      reasoning: { effort: 'low' },
      maxTokens: 100,
      temperature: 0.3,
      stop: ['\n'],
      user: 'user-42',
      providerParams: { openai: { store: true } },
    });
    expect(counted).toEqual({ inputTokens: 11, exact: true, provider: 'openai', model: 'o4-mini' });
    const [sent] = server.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/v1/responses/input_tokens');
    expect(sent?.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
    expect(sent?.json()).toEqual({
      model: 'o4-mini',
      input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Tell me a joke.' },
      ],
      tools: [{ type: 'function', name: 'get_weather', parameters, strict: false }],
      tool_choice: 'auto',
      reasoning: { effort: 'low' },
    });
  });

  it('refuses embedding models as unsupported before any I/O (the hub then estimates)', async () => {
    const error = await failure(
      count({ model: 'text-embedding-3-small', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(error).toMatchObject({ code: 'unsupported', providerId: 'openai' });
    expect(server.requests).toHaveLength(0);
  });

  it('calls a base URL without the endpoint unsupported, but keeps model_not_found', async () => {
    server.enqueue(
      { status: 404, body: { error: { message: 'Not found', type: 'invalid_request_error', code: null } } },
      { status: 404, body: fixtures.json('error-model-not-found.json') },
    );
    const request = { model: 'gpt-4.1', messages: [{ role: 'user' as const, content: 'x' }] };
    expect((await failure(count(request))).code).toBe('unsupported');
    expect((await failure(count(request))).code).toBe('not_found');
  });

  it('classifies upstream failures as every call does', async () => {
    server.enqueue(
      { status: 429, headers: { 'retry-after': '2' }, body: fixtures.json('error-rate-limit.json') },
      { body: { object: 'response.input_tokens' } },
    );
    const request = { model: 'gpt-4.1', messages: [{ role: 'user' as const, content: 'x' }] };
    expect(await failure(count(request))).toMatchObject({ code: 'rate_limit', retryAfterMs: 2000 });
    expect((await failure(count(request))).code).toBe('parse');
  });

  it('honours the signal, closing the connection', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    server.enqueue(() => arrived());
    const controller = new AbortController();
    const closed = server.nextClientAbort();
    const pending = failure(
      count({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'x' }] }, controller.signal),
    );
    await arrival;
    controller.abort();
    expect((await pending).code).toBe('cancelled');
    await closed;
  });

  it('answers hub.countTokens exactly, where the hub would otherwise estimate', async () => {
    const hub = createHub({
      plugins: [openai({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/v1`, env: {} })],
    });
    try {
      server.enqueue({ body: fixtures.json('responses-input-tokens.json') });
      expect(
        await hub.countTokens({
          model: 'openai/gpt-4.1',
          messages: [{ role: 'user', content: 'Tell me a joke.' }],
        }),
      ).toEqual({ inputTokens: 11, exact: true, provider: 'openai', model: 'gpt-4.1' });
    } finally {
      await hub.close();
    }
  });

  it('is absent for Azure OpenAI, which documents no counting endpoint', async () => {
    const azure = createAzureOpenAIProvider({
      endpoint: server.url,
      apiVersion: '2024-10-21',
      deployments: { 'gpt-4o': 'g' },
      apiKey: '7c1e9f04b2d84a6f93e5c8a1d0b7f3e2',
      env: {},
    });
    expect('countTokens' in azure).toBe(false);
    await azure.close?.();
  });
});
