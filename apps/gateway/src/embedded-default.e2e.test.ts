import Anthropic from '@anthropic-ai/sdk';
import type { MockProvider } from '@hub/provider-mock';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultGatewayConfig } from './config/default-gateway-config.js';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

let gateway: RunningGateway;

beforeAll(async () => {
  // the configuration `hub-gateway` serves with no file and no provider keys
  const embedded = defaultGatewayConfig({}).config;
  const config = validateGatewayConfig(
    { ...embedded, server: { port: 0 }, logging: { level: 'silent' } },
    {},
  );
  gateway = await startGateway({ config, env: {}, logger: pino({ level: 'silent' }) });
});
afterAll(() => gateway?.close());

describe('the embedded default (mock provider)', () => {
  it('answers without keeping a record of what it answered', async () => {
    for (let call = 0; call < 50; call++) {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `request ${call}` }] }),
      });
      expect(response.status).toBe(200);
    }
    const mock = gateway.context.gateway.hub.providers().find((provider) => provider.providerId === 'mock');
    expect(mock).toBeDefined();
    // every recorded call would hold its whole request for the life of the process
    expect((mock as MockProvider).calls).toHaveLength(0);
  });

  it('lets a newcomer without keys try tools through the official openai SDK', async () => {
    const client = new OpenAI({ apiKey: 'none', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: {
              city: { type: 'string' },
              unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
            },
            required: ['city', 'unit'],
          },
        },
      },
    ];
    const question = { role: 'user' as const, content: 'What is the weather in Paris?' };
    const first = await client.chat.completions.create({
      model: 'default',
      messages: [question],
      tools,
      tool_choice: 'required',
    });
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    const call = first.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'city', unit: 'celsius' });
    const second = await client.chat.completions.create({
      model: 'default',
      messages: [
        question,
        first.choices[0]?.message as OpenAI.ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: call.id, content: '21 degrees' },
      ],
      tools,
    });
    expect(second.choices[0]?.message.content).toBe('The tool get_weather returned: 21 degrees');
  });

  it('calls tools through the Anthropic SDK with the mock-tools scenario, and embeds with mock-embed', async () => {
    const client = new Anthropic({ apiKey: 'none', baseURL: gateway.url, maxRetries: 0 });
    const message = await client.messages.create({
      model: 'mock-tools',
      max_tokens: 64,
      tools: [
        { name: 'lookup', input_schema: { type: 'object', properties: { query: { type: 'string' } } } },
      ],
      messages: [{ role: 'user', content: 'Find something' }],
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toContainEqual(
      expect.objectContaining({ type: 'tool_use', name: 'lookup', input: { query: 'query' } }),
    );
    const openai = new OpenAI({ apiKey: 'none', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const embedded = await openai.embeddings.create({ model: 'mock-embed', input: ['one', 'two'] });
    expect(embedded.data.map((item) => item.embedding.length)).toEqual([256, 256]);
    const mock = gateway.context.gateway.hub.providers().find((provider) => provider.providerId === 'mock');
    expect((mock as MockProvider).embeddingCalls).toHaveLength(0);
  });
});
