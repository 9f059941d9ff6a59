import type { ServerResponse } from 'node:http';
import { ConfigError, createHub, foldStream, type LLMProvider } from '@hub/core';
import {
  type ContractErrorKind,
  collectChunks as collect,
  createScriptedServer,
  describeProviderContract,
  catchConnectorError as failure,
  type RecordedRequest,
  type ScriptedServer,
  sseFrame,
} from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createOpenAICompatibleProvider,
  type OpenAICompatibleOptions,
} from './create-openai-compatible-provider.js';
import { openaiCompatible } from './openai-compatible-plugin.js';
import { OPENAI_COMPATIBLE_PRESETS } from './openai-compatible-presets.js';
import {
  completionBody,
  FAKE_GROQ_KEY,
  fixtures,
  routeEmbeddings,
  textChunk,
} from './test-support/compatible-wire.js';

const GROQ_MODELS = [
  {
    id: 'llama-3.3-70b-versatile',
    contextWindow: 131_072,
    maxOutputTokens: 32_768,
    capabilities: { streaming: true, tools: true, vision: false, json: true },
    pricing: { inputPer1k: 0.00059, outputPer1k: 0.00079 },
  },
];

const ERRORS: Record<ContractErrorKind, { status: number; body: object }> = {
  authentication: {
    status: 401,
    body: {
      error: {
        message: `Invalid API Key ${FAKE_GROQ_KEY}`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    },
  },
  rate_limit: {
    status: 429,
    body: { error: { message: 'Rate limit reached for model', type: 'tokens', code: 'rate_limit_exceeded' } },
  },
  invalid_request: {
    status: 400,
    body: {
      error: { message: "'messages' must contain at least one message", type: 'invalid_request_error' },
    },
  },
  provider: {
    status: 503,
    body: { error: { message: 'Service Unavailable', type: 'internal_server_error' } },
  },
};

function textReply(pieces: readonly string[]) {
  return (request: RecordedRequest, response: ServerResponse): void => {
    if (request.json<{ stream?: boolean }>().stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completionBody(pieces.join(''))));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const piece of pieces) response.write(textChunk(piece));
    response.end(`${textChunk('', 'stop')}data: [DONE]\n\n`);
  };
}

const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'Say hello.' }] });

let contractServer: ScriptedServer | undefined;
describeProviderContract('openai-compatible (groq preset)', {
  model: 'llama-3.3-70b-versatile',
  async createProvider() {
    contractServer = await createScriptedServer();
    return createOpenAICompatibleProvider({
      preset: 'groq',
      baseUrl: `${contractServer.url}/openai/v1`,
      models: GROQ_MODELS,
      env: { GROQ_API_KEY: FAKE_GROQ_KEY },
    });
  },
  arrangeText(pieces) {
    contractServer?.enqueue(textReply(pieces));
  },
  arrangeError(kind, options) {
    const reply = ERRORS[kind];
    contractServer?.enqueue({
      status: reply.status,
      headers: kind === 'rate_limit' ? { 'retry-after': String(options.retryAfterSeconds) } : {},
      body: reply.body,
    });
  },
  arrangeStall(firstPiece) {
    contractServer?.enqueue({ frames: [textChunk(firstPiece)], ending: 'hang' });
  },
  arrangeTruncation(firstPiece) {
    contractServer?.enqueue({ frames: [textChunk(firstPiece)], ending: 'end' });
  },
  upstreamClosed: () => (contractServer as ScriptedServer).nextClientAbort(),
  upstreamRequests: () => contractServer?.requests ?? [],
  // Groq documents no request id header: the id must not be sent
  arrangeSilence() {
    contractServer?.enqueue(() => {});
  },
  arrangeStreamError(firstPiece) {
    contractServer?.enqueue({
      frames: [
        textChunk(firstPiece),
        sseFrame({ error: { message: 'Internal server error', type: 'internal_server_error' } }),
      ],
      ending: 'hang',
    });
  },
  arrangeMalformedEvent(firstPiece) {
    contractServer?.enqueue({
      frames: [textChunk(firstPiece), 'data: {"id":"chatcmpl-x","choi\n\n'],
      ending: 'hang',
    });
  },
  validConfig: { preset: 'groq', apiKey: FAKE_GROQ_KEY },
  invalidConfig: { preset: 'groq', baseUrl: 'localhost:8080' },
  secret: FAKE_GROQ_KEY,
  async cleanup() {
    await contractServer?.close();
    contractServer = undefined;
  },
});

const VLLM_MODELS = [
  {
    id: 'meta-llama/Llama-3.1-8B-Instruct',
    contextWindow: 131_072,
    capabilities: { streaming: true, tools: true, vision: false, json: true },
  },
  {
    id: 'BAAI/bge-m3',
    contextWindow: 8192,
    capabilities: { streaming: false, tools: false, vision: false, json: false, embedding: true },
    embedding: { dimensions: 1024, flexibleDimensions: true, maxInputTokens: 8192 },
  },
];

// vLLM: a local preset that embeds (base64, dimensions), with the error bodies of its FastAPI server
let vllmServer: ScriptedServer | undefined;
describeProviderContract('openai-compatible (vllm preset)', {
  model: 'meta-llama/Llama-3.1-8B-Instruct',
  async createProvider() {
    vllmServer = await createScriptedServer();
    return createOpenAICompatibleProvider({
      preset: 'vllm',
      baseUrl: `${vllmServer.url}/v1`,
      models: VLLM_MODELS,
      env: {},
    });
  },
  arrangeText: (pieces) => vllmServer?.enqueue(textReply(pieces)),
  arrangeError(kind, options) {
    const status = { authentication: 401, rate_limit: 429, invalid_request: 400, provider: 500 }[kind];
    vllmServer?.enqueue({
      status,
      headers: kind === 'rate_limit' ? { 'retry-after': String(options.retryAfterSeconds) } : {},
      body: {
        object: 'error',
        message: `vllm says ${kind}`,
        type: 'BadRequestError',
        param: null,
        code: status,
      },
    });
  },
  arrangeStall: (first) => vllmServer?.enqueue({ frames: [textChunk(first)], ending: 'hang' }),
  arrangeTruncation: (first) => vllmServer?.enqueue({ frames: [textChunk(first)], ending: 'end' }),
  upstreamClosed: () => (vllmServer as ScriptedServer).nextClientAbort(),
  upstreamRequests: () => vllmServer?.requests ?? [],
  arrangeSilence: () => vllmServer?.enqueue(() => {}),
  embedding: {
    model: 'BAAI/bge-m3',
    batchSize: 2048,
    flexibleDimensions: true,
    arrangeEmbeddings: (answer) => routeEmbeddings(vllmServer as ScriptedServer, '/v1/embeddings', answer),
  },
  validConfig: { preset: 'vllm' },
  invalidConfig: { preset: 'vllm', timeoutSecs: -1 },
  async cleanup() {
    await vllmServer?.close();
    vllmServer = undefined;
  },
});

describe('OpenAI-compatible presets on the wire', () => {
  let server: ScriptedServer;
  const providers: LLMProvider[] = [];
  const create = (options: OpenAICompatibleOptions): LLMProvider => {
    const provider = createOpenAICompatibleProvider({ env: {}, ...options });
    providers.push(provider);
    return provider;
  };

  beforeEach(async () => {
    server = await createScriptedServer();
  });
  afterEach(async () => {
    for (const provider of providers.splice(0)) await provider.close?.();
    await server.close();
  });

  it('ollama: no credentials, max_tokens, stream_options, usage from the include_usage chunk', async () => {
    const provider = create({ preset: 'ollama', baseUrl: `${server.url}/v1` });
    server.enqueue({ frames: fixtures.sseFrames('ollama-stream.sse') });
    const chunks = await collect(
      provider.streamCompletion({ ...ask('llama3.2'), maxTokens: 50, temperature: 0.4 }),
    );
    const [sent] = server.requests;
    expect(sent?.url).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.json()).toEqual({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Say hello.' }],
      temperature: 0.4,
      max_tokens: 50,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : '')).join('')).toBe(
      'Hello! How can I help?',
    );
    expect(chunks.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 26, outputTokens: 8, totalTokens: 34 },
      responseId: 'chatcmpl-373',
      model: 'llama3.2',
    });
  });

  it('ollama: a non-streaming answer and metadata from GET /v1/models', async () => {
    const provider = create({
      preset: 'ollama',
      baseUrl: `${server.url}/v1`,
      models: [
        {
          id: 'llama3.2:latest',
          contextWindow: 131_072,
          capabilities: { streaming: true, tools: true, vision: false, json: true },
        },
      ],
    });
    server.enqueue(
      { body: fixtures.json('ollama-completion.json') },
      { body: fixtures.json('ollama-models.json') },
    );
    const response = await provider.sendCompletion(ask('llama3.2'));
    expect(response).toMatchObject({
      provider: 'ollama',
      text: 'Hello! How can I help?',
      finishReason: 'stop',
    });
    const metadata = await provider.getMetadata();
    expect(metadata.displayName).toBe('Ollama');
    expect(metadata.models).toEqual([
      {
        id: 'llama3.2:latest',
        contextWindow: 131_072,
        capabilities: { streaming: true, tools: true, vision: false, json: true },
      },
      {
        id: 'qwen2.5-coder:7b',
        contextWindow: 8192,
        capabilities: { streaming: true, tools: false, vision: false, json: false },
      },
    ]);
  });

  it('lmstudio: no stream_options; a stream without usage finishes without usage (zero when folded)', async () => {
    const provider = create({ preset: 'lmstudio', baseUrl: `${server.url}/v1` });
    server.enqueue({ frames: [textChunk('Hi'), textChunk('', 'stop'), 'data: [DONE]\n\n'] });
    const chunks = await collect(provider.streamCompletion(ask('qwen2.5-7b-instruct')));
    expect(server.requests[0]?.json<Record<string, unknown>>().stream_options).toBeUndefined();
    const finish = chunks.at(-1);
    expect(finish?.type === 'finish' && finish.usage).toBeUndefined();
    const folded = await foldStream(
      (async function* () {
        yield* chunks;
      })(),
      { provider: 'lmstudio', model: 'qwen2.5-7b-instruct' },
    );
    expect(folded.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it('groq: the key from GROQ_API_KEY, and the stream usage from x_groq', async () => {
    const provider = createOpenAICompatibleProvider({
      preset: 'groq',
      baseUrl: `${server.url}/openai/v1`,
      env: { GROQ_API_KEY: FAKE_GROQ_KEY },
    });
    providers.push(provider);
    server.enqueue({ frames: fixtures.sseFrames('groq-stream.sse') });
    const chunks = await collect(provider.streamCompletion(ask('llama-3.3-70b-versatile')));
    expect(server.requests[0]?.url).toBe('/openai/v1/chat/completions');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${FAKE_GROQ_KEY}`);
    expect(chunks.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 40, outputTokens: 3, totalTokens: 43 },
    });
  });

  it('mistral: seed becomes random_seed, user is not sent, providerParams still apply', async () => {
    const provider = create({
      preset: 'mistral',
      baseUrl: `${server.url}/v1`,
      apiKey: 'mistral-test-key-0123456789',
    });
    server.enqueue({ frames: [textChunk('Bonjour'), textChunk('', 'stop'), 'data: [DONE]\n\n'] });
    await collect(
      provider.streamCompletion({
        ...ask('mistral-small-latest'),
        seed: 42,
        user: 'u-1',
        providerParams: { mistral: { safe_prompt: true } },
      }),
    );
    expect(server.requests[0]?.json()).toEqual({
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'Say hello.' }],
      random_seed: 42,
      stream: true,
      safe_prompt: true,
    });
  });

  it('deepseek: reasoning_content streams as reasoning deltas and folds into a reasoning part', async () => {
    const provider = create({
      preset: 'deepseek',
      baseUrl: `${server.url}/v1`,
      apiKey: 'sk-deepseek0123456789abcdef',
    });
    server.enqueue({ frames: fixtures.sseFrames('deepseek-reasoner-stream.sse') });
    const chunks = await collect(provider.streamCompletion(ask('deepseek-reasoner')));
    const folded = await foldStream(
      (async function* () {
        yield* chunks;
      })(),
      { provider: 'deepseek', model: 'deepseek-reasoner' },
    );
    expect(folded.content).toEqual([
      { type: 'reasoning', text: '9.11 vs 9.9: 0.11 < 0.90.' },
      { type: 'text', text: '9.9 is greater.' },
    ]);
    expect(folded.usage.reasoningTokens).toBe(100);
  });

  it.each([
    ['vllm-error-context-length.json', 400, 'context_length_exceeded', /maximum context length is 8192/],
    ['ollama-error-not-found.json', 404, 'not_found', /model "llama9" not found/],
    ['fastapi-error-validation.json', 422, 'invalid_request', /Field required/],
  ] as const)('reads the error body %s', async (fixture, status, code, message) => {
    const provider = create({ preset: 'vllm', baseUrl: `${server.url}/v1` });
    server.enqueue({ status, body: fixtures.json(fixture) });
    const error = await failure(provider.sendCompletion(ask('meta-llama/Llama-3.1-8B-Instruct')));
    expect(error.code).toBe(code);
    expect(error.providerId).toBe('vllm');
    expect(error.message).toMatch(message);
  });

  it('never puts the key in an error, even when the server echoes it', async () => {
    const provider = create({ preset: 'groq', baseUrl: `${server.url}/openai/v1`, apiKey: FAKE_GROQ_KEY });
    server.enqueue({ status: 401, body: { error: `invalid key ${FAKE_GROQ_KEY}` } });
    const error = await failure(provider.sendCompletion(ask('llama-3.3-70b-versatile')));
    expect(error.code).toBe('authentication');
    expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain(FAKE_GROQ_KEY);
  });

  it('serves several instances under different provider ids in one hub', async () => {
    const reply = (request: RecordedRequest, response: ServerResponse): void => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          ...completionBody('ok'),
          id: `${request.url} ${request.headers.authorization ?? '-'}`,
        }),
      );
    };
    server.enqueue(reply, reply, reply);
    const hub = createHub({
      plugins: [
        openaiCompatible({
          preset: 'ollama',
          providerId: 'ollama-gpu',
          baseUrl: `${server.url}/gpu/v1`,
          env: {},
        }),
        openaiCompatible({
          preset: 'ollama',
          providerId: 'ollama-cpu',
          baseUrl: `${server.url}/cpu/v1`,
          env: {},
        }),
        openaiCompatible({
          preset: 'groq',
          baseUrl: `${server.url}/groq/v1`,
          env: { GROQ_API_KEY: FAKE_GROQ_KEY },
        }),
      ],
    });
    try {
      const complete = (model: string) => hub.complete({ model, messages: [{ role: 'user', content: 'x' }] });
      expect((await complete('ollama-gpu/llama3.2')).id).toBe('/gpu/v1/chat/completions -');
      expect((await complete('ollama-cpu/llama3.2')).id).toBe('/cpu/v1/chat/completions -');
      const groq = await complete('groq/llama-3.3-70b-versatile');
      expect(groq.id).toBe(`/groq/v1/chat/completions Bearer ${FAKE_GROQ_KEY}`);
      expect(groq.provider).toBe('groq');
      expect(hub.providers().map((provider) => provider.providerId)).toEqual([
        'ollama-gpu',
        'ollama-cpu',
        'groq',
      ]);
    } finally {
      await hub.close();
    }
  });

  it('speaks to any server without a preset, given providerId and baseUrl', async () => {
    const provider = create({
      providerId: 'my-gateway',
      baseUrl: `${server.url}/llm/v1`,
      headers: { 'x-team': 'search' },
    });
    server.enqueue({ body: completionBody('ok') });
    await provider.sendCompletion({ ...ask('any-model'), maxTokens: 8 });
    expect(server.requests[0]?.url).toBe('/llm/v1/chat/completions');
    expect(server.requests[0]?.headers['x-team']).toBe('search');
    expect(server.requests[0]?.json<Record<string, unknown>>().max_tokens).toBe(8);
  });

  it('ollama: embeddings as number arrays, no encoding_format, no dimensions', async () => {
    const provider = create({ preset: 'ollama', baseUrl: `${server.url}/v1` });
    server.enqueue({ body: fixtures.json('ollama-embeddings.json') });
    const response = await provider.embed?.({ model: 'nomic-embed-text', input: ['why is the sky blue?'] });
    expect(server.requests[0]?.url).toBe('/v1/embeddings');
    expect(server.requests[0]?.json()).toEqual({
      model: 'nomic-embed-text',
      input: ['why is the sky blue?'],
    });
    expect(Array.from(response?.embeddings[0] ?? [])).toEqual(
      Array.from(Float32Array.from([0.010071029, -0.0017594862, 0.05007221, 0.04692972])),
    );
    const error = await failure(
      provider.embed?.({ model: 'nomic-embed-text', input: 'x', dimensions: 256 }) ?? Promise.resolve(),
    );
    expect(error).toMatchObject({ code: 'unsupported', field: 'dimensions' });
    expect(server.requests).toHaveLength(1);
  });

  it('mistral: base64 embeddings, the length as output_dimension, no user, 256 inputs per request', async () => {
    const provider = create({
      preset: 'mistral',
      baseUrl: `${server.url}/v1`,
      apiKey: 'mistral-test-key-0123456789',
    });
    const sizes: number[] = [];
    routeEmbeddings(
      server,
      '/v1/embeddings',
      (batch, dimensions) => {
        sizes.push(batch.length);
        return batch.map(() => new Array(dimensions ?? 1024).fill(0.5));
      },
      'output_dimension',
    );
    const response = await provider.embed?.({
      model: 'codestral-embed',
      input: Array.from({ length: 300 }, (_, index) => `snippet ${index}`),
      dimensions: 256,
      user: 'u-1',
    });
    expect(sizes.sort((a, b) => b - a)).toEqual([256, 44]);
    const body = server.requests[0]?.json<Record<string, unknown>>();
    expect(body).toMatchObject({ encoding_format: 'base64', output_dimension: 256 });
    expect(body?.user).toBeUndefined();
    expect(body?.dimensions).toBeUndefined();
    expect(response?.embeddings).toHaveLength(300);
    expect(response?.embeddings.every((vector) => vector.length === 256)).toBe(true);
  });

  it('probes with GET /models: resolves, or rejects classified without the key', async () => {
    const provider = create({ preset: 'groq', baseUrl: `${server.url}/openai/v1`, apiKey: FAKE_GROQ_KEY });
    server.enqueue(
      { body: fixtures.json('ollama-models.json') },
      {
        status: 401,
        body: { error: { message: `Invalid API Key ${FAKE_GROQ_KEY}`, code: 'invalid_api_key' } },
      },
    );
    await expect(provider.probe({})).resolves.toBeUndefined();
    expect(server.requests[0]?.url).toBe('/openai/v1/models');
    const error = await failure(provider.probe({}));
    expect(error.code).toBe('authentication');
    expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain(FAKE_GROQ_KEY);
  });

  it('has no embed where the server has no embeddings, or when turned off', () => {
    expect('embed' in create({ preset: 'groq', baseUrl: `${server.url}/v1`, apiKey: FAKE_GROQ_KEY })).toBe(
      false,
    );
    expect('embed' in create({ preset: 'ollama', baseUrl: `${server.url}/v1`, embeddings: false })).toBe(
      false,
    );
    expect('embed' in create({ providerId: 'plain', baseUrl: `${server.url}/v1` })).toBe(false);
  });

  it('embeds with any server given complete embeddings options, and refuses incomplete ones', async () => {
    const provider = create({
      providerId: 'tei',
      baseUrl: `${server.url}/v1`,
      embeddings: { encoding: 'float', batchSize: 32, dimensionsField: false },
    });
    server.enqueue({ body: fixtures.json('ollama-embeddings.json') });
    expect((await provider.embed?.({ model: 'bge', input: 'x' }))?.embeddings).toHaveLength(1);
    expect(() =>
      createOpenAICompatibleProvider({
        providerId: 'tei',
        baseUrl: 'http://127.0.0.1:1/v1',
        embeddings: { batchSize: 8 },
        env: {},
      }),
    ).toThrow(/embeddings/);
  });

  it('refuses the removed maxRetries option, saying where retries went', () => {
    expect(() =>
      createOpenAICompatibleProvider({
        preset: 'ollama',
        env: {},
        maxRetries: 2,
      } as unknown as OpenAICompatibleOptions),
    ).toThrow(/maxRetries.*@hub\/middleware-retry/s);
  });

  it('lets quirks override the preset', async () => {
    const provider = create({
      preset: 'ollama',
      baseUrl: `${server.url}/v1`,
      quirks: { streamUsage: false },
    });
    server.enqueue({ frames: [textChunk('Hi'), textChunk('', 'stop'), 'data: [DONE]\n\n'] });
    await collect(provider.streamCompletion(ask('llama3.2')));
    expect(server.requests[0]?.json<Record<string, unknown>>().stream_options).toBeUndefined();
  });
});

describe('OpenAI-compatible configuration', () => {
  const issues = (options: OpenAICompatibleOptions): Record<string, string> => {
    try {
      createOpenAICompatibleProvider({ env: {}, ...options });
    } catch (error) {
      if (ConfigError.isConfigError(error))
        return Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('needs the key of a hosted preset, naming its variable', () => {
    expect(issues({ preset: 'groq' })).toEqual({
      apiKey: 'is required for groq: pass apiKey or set GROQ_API_KEY',
    });
    expect(issues({ preset: 'openrouter' })).toEqual({
      apiKey: 'is required for openrouter: pass apiKey or set OPENROUTER_API_KEY',
    });
  });

  it('needs providerId and baseUrl without a preset, and rejects unknown presets', () => {
    expect(issues({})).toEqual({
      providerId: 'is required without a preset',
      baseUrl: 'is required without a preset',
    });
    expect(Object.keys(issues({ preset: 'nope' as 'ollama' }))).toEqual(['preset']);
  });

  it('rejects a malformed base URL and a non-positive timeout without echoing values', () => {
    const result = issues({
      preset: 'ollama',
      baseUrl: `localhost:11434?key=${FAKE_GROQ_KEY}`,
      timeoutSecs: 0,
    });
    expect(Object.keys(result)).toEqual(['baseUrl', 'timeoutSecs']);
    expect(JSON.stringify(result)).not.toContain(FAKE_GROQ_KEY);
  });

  it('needs no key for local presets', () => {
    for (const preset of ['ollama', 'vllm', 'lmstudio'] as const) {
      expect(() => createOpenAICompatibleProvider({ preset, env: {} })).not.toThrow();
    }
  });

  it('has a preset for every documented server, each hosted one with a key variable', () => {
    expect(Object.keys(OPENAI_COMPATIBLE_PRESETS).sort()).toEqual(
      [
        'deepseek',
        'fireworks',
        'groq',
        'lmstudio',
        'mistral',
        'ollama',
        'openrouter',
        'together',
        'vllm',
        'xai',
      ].sort(),
    );
    for (const preset of Object.values(OPENAI_COMPATIBLE_PRESETS)) {
      expect(URL.canParse(preset.baseUrl)).toBe(true);
      expect(preset.quirks.maxTokensField).toBe('max_tokens');
      if (preset.requiresApiKey) {
        expect(preset.apiKeyEnv).toMatch(/^[A-Z]+_API_KEY$/);
        expect(preset.baseUrl.startsWith('https://')).toBe(true);
      }
    }
  });

  it('names the plugin after the provider id', () => {
    expect(openaiCompatible({ preset: 'ollama', env: {} }).name).toBe(
      '@hub/provider-openai-compatible:ollama',
    );
    expect(openaiCompatible({ preset: 'ollama', providerId: 'ollama-2', env: {} }).name).toBe(
      '@hub/provider-openai-compatible:ollama-2',
    );
  });
});
