import Anthropic from '@anthropic-ai/sdk';
import { type CompletionRequest, estimateInputTokens } from '@hub/core';
import { createScriptedServer, type RecordedRequest, type ScriptedServer } from '@hub/testing';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Bedrock's scripted upstream, reused from the provider's tests (it checks authentication as AWS does)
import {
  createFakeBedrock,
  type FakeBedrock,
} from '../../../plugins/provider-bedrock/src/__fixtures__/fake-bedrock.js';
import { parseCountTokensRequest } from './anthropic-wire/parse-messages-request.js';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { parseInputTokensRequest } from './openai-wire/parse-input-tokens-request.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

// Both counting endpoints of the gateway over every native counting API — OpenAI's Responses
// input tokens, Anthropic's count_tokens, Gemini's countTokens, Bedrock's CountTokens — each
// behind a scripted upstream speaking its wire format, and over a provider without one (the
// hub's estimate). Whatever the endpoint's shape, the count is the upstream's.

const BEDROCK_KEY = 'ABSKQmVkcm9ja0FQSUtleS1jb3VudC10ZXN0LWtleQ==';
const upstreams: Record<'openai' | 'anthropic' | 'google' | 'ollama', ScriptedServer> = {} as never;
let bedrock: FakeBedrock;
let gateway: RunningGateway;
let anthropic: Anthropic;
let openai: OpenAI;

const BEDROCK_CLAUDE = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const question = 'What is the weather in Paris today?';
const weather = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

/** The requests an upstream received whose path starts with `path`, after the first `from`. */
const sentTo = (server: ScriptedServer, path: string, from = 0): RecordedRequest[] =>
  server.requests.slice(from).filter((request) => request.method === 'POST' && request.url.startsWith(path));

beforeAll(async () => {
  for (const name of ['openai', 'anthropic', 'google', 'ollama'] as const)
    upstreams[name] = await createScriptedServer();
  upstreams.openai.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  upstreams.anthropic.route('GET', '/v1/models', { body: { data: [], has_more: false } });
  upstreams.google.route('GET', '/v1beta/models', { body: { models: [] } });
  upstreams.ollama.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  bedrock = await createFakeBedrock('us-east-1');
  bedrock.allowApiKey(BEDROCK_KEY);
  const env = {
    OPENAI_KEY: 'sk-test-count-upstream',
    ANTHROPIC_KEY: 'sk-ant-test-count-upstream',
    GOOGLE_KEY: 'google-count-key-0123456789',
    BEDROCK_KEY,
  };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [
        { type: 'openai', apiKeyEnv: 'OPENAI_KEY', baseUrl: `${upstreams.openai.url}/v1` },
        { type: 'anthropic', apiKeyEnv: 'ANTHROPIC_KEY', baseUrl: upstreams.anthropic.url },
        { type: 'google', apiKeyEnv: 'GOOGLE_KEY', baseUrl: `${upstreams.google.url}/v1beta` },
        { type: 'aws-bedrock', apiKeyEnv: 'BEDROCK_KEY', baseUrl: bedrock.url, region: 'us-east-1' },
        { type: 'openai-compatible', preset: 'ollama', baseUrl: `${upstreams.ollama.url}/v1` },
      ],
      retry: false,
      cache: false,
      // one Anthropic request an hour: counting must not spend it
      rateLimit: {
        limits: [{ scope: 'provider', provider: 'anthropic', requestsPerWindow: 1, windowMs: 3_600_000 }],
        onLimited: 'reject',
      },
      logging: { level: 'silent' },
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  anthropic = new Anthropic({ apiKey: 'unused', baseURL: gateway.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close();
  for (const server of Object.values(upstreams)) await server?.close();
  await bedrock?.close();
});

const hub = () => gateway.context.gateway.hub;
const unified = (model: string): CompletionRequest => ({
  model,
  messages: [{ role: 'user', content: question }],
});

describe('OpenAI’s POST /v1/responses/input_tokens upstream', () => {
  it('answers the openai SDK’s inputTokens.count with OpenAI’s own count, sending the Responses input', async () => {
    upstreams.openai.enqueue({ body: { object: 'response.input_tokens', input_tokens: 11 } });
    const count = await openai.responses.inputTokens.count({
      model: 'openai/gpt-5',
      instructions: 'You are terse.',
      input: question,
      tools: [{ type: 'function', name: 'get_weather', parameters: weather.input_schema, strict: false }],
    });
    expect(count).toEqual({ object: 'response.input_tokens', input_tokens: 11 });
    const [sent] = sentTo(upstreams.openai, '/v1/responses/input_tokens');
    expect(sent?.headers.authorization).toBe('Bearer sk-test-count-upstream');
    const body = sent?.json<Record<string, unknown>>();
    expect(body).toMatchObject({ model: 'gpt-5', tools: [{ type: 'function', name: 'get_weather' }] });
    expect(JSON.stringify(body)).toContain('You are terse.');
    expect(JSON.stringify(body)).toContain(question);
    // the endpoint takes no generation settings
    expect(body).not.toHaveProperty('stream');
    expect(body).not.toHaveProperty('max_output_tokens');
  });

  it('answers Anthropic’s count_tokens for an OpenAI model with OpenAI’s count', async () => {
    upstreams.openai.enqueue({ body: { object: 'response.input_tokens', input_tokens: 23 } });
    const count = await anthropic.messages.countTokens({
      model: 'openai/gpt-5',
      messages: [{ role: 'user', content: question }],
    });
    expect(count).toEqual({ input_tokens: 23 });
  });

  it('counts what a Responses call would send: reasoning items with encrypted content and the output format', async () => {
    upstreams.openai.enqueue({ body: { object: 'response.input_tokens', input_tokens: 57 } });
    const before = upstreams.openai.requests.length;
    const count = await openai.responses.inputTokens.count({
      model: 'openai/gpt-5',
      input: [
        { role: 'user', content: 'Plan a trip.' },
        {
          type: 'reasoning',
          id: 'rs_up_1',
          summary: [{ type: 'summary_text', text: 'Think about trains.' }],
          encrypted_content: 'enc-up-1',
        },
        { role: 'assistant', content: 'Take the train.' },
        { role: 'user', content: 'How long does it take?' },
      ],
      text: {
        format: {
          type: 'json_schema',
          name: 'duration',
          schema: { type: 'object', properties: { hours: { type: 'number' } }, required: ['hours'] },
        },
      },
    });
    expect(count.input_tokens).toBe(57);
    const body = sentTo(upstreams.openai, '/v1/responses/input_tokens', before)[0]?.json<{
      input: Record<string, unknown>[];
      text?: { format?: Record<string, unknown> };
    }>();
    // OpenAI counts reasoning items and the schema: dropping either would under-count
    expect(body?.input).toContainEqual(
      expect.objectContaining({ type: 'reasoning', id: 'rs_up_1', encrypted_content: 'enc-up-1' }),
    );
    expect(body?.text?.format).toMatchObject({ type: 'json_schema', name: 'duration' });
  });
});

describe('Anthropic’s POST /v1/messages/count_tokens upstream', () => {
  it('answers the Anthropic SDK’s countTokens with Anthropic’s count, sending the Messages body without max_tokens', async () => {
    upstreams.anthropic.enqueue({ body: { input_tokens: 14 } });
    const count = await anthropic.messages.countTokens({
      model: 'anthropic/claude-sonnet-4-5',
      system: 'You are terse.',
      tools: [weather],
      messages: [{ role: 'user', content: question }],
    });
    expect(count).toEqual({ input_tokens: 14 });
    const [sent] = sentTo(upstreams.anthropic, '/v1/messages/count_tokens');
    expect(sent?.headers['x-api-key']).toBe('sk-ant-test-count-upstream');
    expect(sent?.headers['anthropic-version']).toBeDefined();
    const body = sent?.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      model: 'claude-sonnet-4-5',
      tools: [{ name: 'get_weather', input_schema: weather.input_schema }],
    });
    expect(JSON.stringify(body?.system)).toContain('You are terse.');
    expect(JSON.stringify(body?.messages)).toContain(question);
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('answers the openai SDK’s inputTokens.count for a Claude model with Anthropic’s count', async () => {
    upstreams.anthropic.enqueue({ body: { input_tokens: 19 } });
    const count = await openai.responses.inputTokens.count({
      model: 'anthropic/claude-sonnet-4-5',
      input: question,
    });
    expect(count.input_tokens).toBe(19);
  });

  it('passes an upstream 429 on as a rate limit in the caller’s shape', async () => {
    upstreams.anthropic.enqueue({
      status: 429,
      headers: { 'retry-after': '7' },
      body: {
        type: 'error',
        error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' },
      },
    });
    const error = await anthropic.messages
      .countTokens({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toBe('7');
  });
});

describe('Gemini’s models/{model}:countTokens upstream', () => {
  it('answers both endpoints with Gemini’s totalTokens, counting the generateContent request', async () => {
    upstreams.google.enqueue(
      { body: { totalTokens: 31, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 31 }] } },
      { body: { totalTokens: 9 } },
    );
    const count = await anthropic.messages.countTokens({
      model: 'google/gemini-2.5-flash',
      system: 'You are terse.',
      tools: [weather],
      messages: [{ role: 'user', content: question }],
    });
    expect(count).toEqual({ input_tokens: 31 });
    const [sent] = sentTo(upstreams.google, '/v1beta/models/gemini-2.5-flash:countTokens');
    expect(sent?.headers['x-goog-api-key']).toBe('google-count-key-0123456789');
    const body = sent?.json<{ generateContentRequest: Record<string, unknown> }>();
    expect(body?.generateContentRequest).toMatchObject({
      model: 'models/gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: question }] }],
      systemInstruction: { parts: [{ text: 'You are terse.' }] },
    });
    expect(JSON.stringify(body?.generateContentRequest.tools)).toContain('get_weather');
    const viaOpenAI = await openai.responses.inputTokens.count({
      model: 'google/gemini-2.5-flash',
      input: 'hi',
    });
    expect(viaOpenAI.input_tokens).toBe(9);
  });
});

describe('Bedrock’s CountTokens upstream', () => {
  it('answers with Bedrock’s count for a Claude model, sending the Converse input', async () => {
    bedrock.enqueue((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ inputTokens: 42 }));
    });
    const before = bedrock.verified.length;
    const count = await anthropic.messages.countTokens({
      model: `aws-bedrock/${BEDROCK_CLAUDE}`,
      system: 'You are terse.',
      messages: [{ role: 'user', content: question }],
    });
    expect(count).toEqual({ input_tokens: 42 });
    const [sent] = bedrock.verified.slice(before);
    expect(sent?.auth).toEqual({ scheme: 'bearer', apiKey: BEDROCK_KEY });
    expect(sent?.request.url).toBe(`/model/${encodeURIComponent(BEDROCK_CLAUDE)}/count-tokens`);
    expect(sent?.request.json()).toEqual({
      input: {
        converse: {
          messages: [{ role: 'user', content: [{ text: question }] }],
          system: [{ text: 'You are terse.' }],
        },
      },
    });
  });

  it('answers the hub’s estimate for a model CountTokens does not cover, without asking', async () => {
    const before = bedrock.server.requests.length;
    const body = { model: 'aws-bedrock/amazon.nova-pro-v1:0', input: question };
    const count = await openai.responses.inputTokens.count(body);
    expect(count.input_tokens).toBe(estimateInputTokens(parseInputTokensRequest(body)));
    expect(count.input_tokens).toBeGreaterThan(0);
    expect(bedrock.server.requests.length).toBe(before);
  });
});

describe('a provider without a counting API', () => {
  it('answers both endpoints with the hub’s estimate, never 0, and sends nothing upstream', async () => {
    const messages = { model: 'ollama/llama3.2', messages: [{ role: 'user' as const, content: question }] };
    const count = await anthropic.messages.countTokens(messages);
    expect(count.input_tokens).toBe(estimateInputTokens(parseCountTokensRequest(messages)));
    expect(count.input_tokens).toBeGreaterThan(0);
    const viaOpenAI = await openai.responses.inputTokens.count({ model: 'ollama/llama3.2', input: question });
    expect(viaOpenAI.input_tokens).toBe(count.input_tokens);
    expect(upstreams.ollama.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });
});

describe('hub.countTokens over the gateway’s providers', () => {
  it('says which counts are exact: native APIs are, the estimate is not', async () => {
    upstreams.openai.enqueue({ body: { object: 'response.input_tokens', input_tokens: 5 } });
    upstreams.anthropic.enqueue({ body: { input_tokens: 6 } });
    upstreams.google.enqueue({ body: { totalTokens: 7 } });
    bedrock.enqueue((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ inputTokens: 8 }));
    });
    const counts = [];
    for (const model of [
      'openai/gpt-5',
      'anthropic/claude-sonnet-4-5',
      'google/gemini-2.5-flash',
      `aws-bedrock/${BEDROCK_CLAUDE}`,
      'ollama/llama3.2',
    ])
      counts.push(await hub().countTokens(unified(model)));
    expect(counts.map(({ provider, inputTokens, exact }) => ({ provider, inputTokens, exact }))).toEqual([
      { provider: 'openai', inputTokens: 5, exact: true },
      { provider: 'anthropic', inputTokens: 6, exact: true },
      { provider: 'google', inputTokens: 7, exact: true },
      { provider: 'aws-bedrock', inputTokens: 8, exact: true },
      {
        provider: 'ollama',
        inputTokens: estimateInputTokens(unified('ollama/llama3.2')),
        exact: false,
      },
    ]);
  });
});

describe('counting beside completions', () => {
  it('spends no rate-limit budget and is measured as its own operation, not as completions', async () => {
    for (let index = 0; index < 3; index++) {
      upstreams.anthropic.enqueue({ body: { input_tokens: 4 } });
      await anthropic.messages.countTokens({
        model: 'anthropic/claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'x' }],
      });
    }
    const counted = await (await fetch(`${gateway.url}/metrics`)).text();
    // label order is the collector's: look for each label on its own
    const series = (operation: string) =>
      new RegExp(
        `llm_hub_requests_total\\{(?=[^}]*operation="${operation}")(?=[^}]*provider="anthropic")[^}]*\\} ([0-9]+)`,
      ).exec(counted)?.[1];
    expect(Number(series('count-tokens'))).toBeGreaterThanOrEqual(3);
    expect(series('complete')).toBeUndefined();
    // the hour's one request is still there for a completion, and only for one
    upstreams.anthropic.enqueue({
      body: {
        id: 'msg_count_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [{ type: 'text', text: 'Hi' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 4, output_tokens: 1 },
      },
    });
    const ask = {
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 8,
      messages: [{ role: 'user' as const, content: 'x' }],
    };
    expect((await anthropic.messages.create(ask)).content).toEqual([{ type: 'text', text: 'Hi' }]);
    await expect(anthropic.messages.create(ask)).rejects.toBeInstanceOf(Anthropic.RateLimitError);
  });
});
