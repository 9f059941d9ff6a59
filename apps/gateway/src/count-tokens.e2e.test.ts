import Anthropic from '@anthropic-ai/sdk';
import { ConnectorError, estimateInputTokens } from '@hub/core';
import type { MockProvider } from '@hub/provider-mock';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCountTokensRequest } from './anthropic-wire/parse-messages-request.js';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

let gateway: RunningGateway;
let anthropic: Anthropic;
let openai: OpenAI;
const KEY = 'gw-count-key-0123456789';
const NARROW_KEY = 'gw-count-narrow-0123456789';

beforeAll(async () => {
  const env = { COUNT_KEY: KEY, NARROW_KEY };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      retry: false,
      logging: { level: 'silent' },
      virtualKeys: [
        { name: 'all', keyEnv: 'COUNT_KEY' },
        { name: 'narrow', keyEnv: 'NARROW_KEY', models: ['mock/*'] },
      ],
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  anthropic = new Anthropic({ apiKey: KEY, baseURL: gateway.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(() => gateway?.close());

const mock = (): MockProvider =>
  gateway.context.gateway.hub.providers().find((provider) => provider.providerId === 'mock') as MockProvider;

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

const post = (path: string, body: unknown, key = KEY) =>
  fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('POST /v1/messages/count_tokens through the official Anthropic SDK', () => {
  it('counts what a Messages call with the same body reports as input tokens', async () => {
    const body = {
      model: 'default',
      system: 'You are terse.',
      tools: [weatherTool],
      messages: [{ role: 'user' as const, content: 'What is the weather in Paris today?' }],
    };
    const count = await anthropic.messages.countTokens(body);
    const message = await anthropic.messages.create({ ...body, max_tokens: 64 });
    expect(count).toEqual({ input_tokens: message.usage.input_tokens });
    expect(count.input_tokens).toBeGreaterThan(20);
  });

  it('answers the hub’s estimate, never 0, when the provider has no counting API', async () => {
    const body = { model: 'default', messages: [{ role: 'user' as const, content: 'How long is this?' }] };
    mock().enqueue({ type: 'error', error: new ConnectorError('unsupported', 'No counting here.') });
    const count = await anthropic.messages.countTokens(body);
    expect(count.input_tokens).toBe(estimateInputTokens(parseCountTokensRequest(body)));
    expect(count.input_tokens).toBeGreaterThan(0);
  });

  it('refuses a bad body in Anthropic’s shape, naming the field, and needs no max_tokens', async () => {
    for (const [body, field] of [
      [{ messages: [{ role: 'user', content: 'x' }] }, 'model'],
      [{ model: 'default' }, 'messages'],
      [{ model: 'default', messages: [{ role: 'robot', content: 'x' }] }, 'messages.0.role'],
      [
        { model: 'default', messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'f' }] },
        'tools.0.input_schema',
      ],
    ] as const) {
      const response = await post('/v1/messages/count_tokens', body);
      expect(response.status).toBe(400);
      const error = (await response.json()) as { type: string; error: { type: string; message: string } };
      expect(error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      expect(error.error.message).toContain(`'${field}'`);
    }
  });

  it('applies the key’s allow-list and answers upstream failures in Anthropic’s shape', async () => {
    const denied = await post(
      '/v1/messages/count_tokens',
      { model: 'default', messages: [{ role: 'user', content: 'x' }] },
      NARROW_KEY,
    );
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { type: 'permission_error' } });
    const limited = await post('/v1/messages/count_tokens', {
      model: 'mock/mock-error-429',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });
});

describe('POST /v1/responses/input_tokens through the official openai SDK', () => {
  it('counts a Responses body like the equivalent chat request', async () => {
    const count = await openai.responses.inputTokens.count({
      model: 'default',
      instructions: 'You are terse.',
      input: 'What is the weather in Paris today?',
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: weatherTool.input_schema,
          strict: false,
        },
      ],
    });
    const chat = await openai.chat.completions.create({
      model: 'default',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'What is the weather in Paris today?' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: weatherTool.input_schema,
          },
        },
      ],
    });
    expect(count).toEqual({ object: 'response.input_tokens', input_tokens: chat.usage?.prompt_tokens });
  });

  it('counts message, function call and function call output items', async () => {
    const count = await openai.responses.inputTokens.count({
      model: 'default',
      input: [
        { role: 'developer', content: 'Answer with the tool result.' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '21 degrees and sunny' },
      ],
    });
    const characters =
      'Answer with the tool result.'.length +
      'Weather in Paris?'.length +
      'get_weather'.length +
      '{"city":"Paris"}'.length +
      '21 degrees and sunny'.length;
    // the mock counts a quarter token per character of every text, call and result
    expect(count.input_tokens).toBe(Math.ceil(characters / 4));
  });

  it('refuses a bad body in OpenAI’s shape, naming the parameter', async () => {
    for (const [body, param] of [
      [{ input: 'x' }, 'model'],
      [{ model: 'default' }, 'input'],
      [{ model: 'default', input: [{ type: 'computer_call' }] }, 'input[0].type'],
      [{ model: 'default', input: [{ role: 'user', content: 5 }] }, 'input[0].content'],
      [{ model: 'default', input: 'x', tools: [{ type: 'web_search' }] }, 'tools[0].type'],
      [{ model: 'default', input: 'x', tool_choice: 'sometimes' }, 'tool_choice'],
    ] as const) {
      const response = await post('/v1/responses/input_tokens', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', param } });
    }
  });
});
