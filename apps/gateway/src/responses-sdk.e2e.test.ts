import { createOpenAI } from '@ai-sdk/openai';
import { type CompletionRequest, ConnectorError } from '@hub/core';
import type { MockProvider } from '@hub/testing';
import { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { hashKey } from './security/virtual-keys.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { recordMockRequests } from './test-support/record-mock-requests.js';

const CLIENT_KEY = 'gw-sdk-client-key-0123456789';
const WEATHER_ARGUMENTS = '{"location":"Paris"}';

let gateway: RunningGateway;
let requests: CompletionRequest[];
let mock: MockProvider;

beforeAll(async () => {
  const env = { CLIENT_KEY };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      cache: false,
      retry: false,
      logging: { level: 'silent' },
      virtualKeys: [{ name: 'sdk', keyHash: hashKey(CLIENT_KEY) }],
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  requests = recordMockRequests(gateway);
  mock = gateway.context.gateway.hub
    .providers()
    .find((provider) => provider.providerId === 'mock') as MockProvider;
});
afterAll(() => gateway?.close());
beforeEach(() => {
  requests.length = 0;
});

const callWeather = (id = 'call_weather') =>
  mock.enqueue({ type: 'tool-call', id, name: 'get_weather', arguments: WEATHER_ARGUMENTS });
const lastMessages = () => requests.at(-1)?.messages ?? [];

describe('the official openai SDK', () => {
  const openai = () => new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  const weatherTool = {
    type: 'function' as const,
    name: 'get_weather',
    description: 'Current weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
    strict: false,
  };

  it('responses.create answers with output_text and usage', async () => {
    const response = await openai().responses.create({
      model: 'default',
      instructions: 'Be brief.',
      input: 'Hello gateway',
    });
    expect(response.output_text).toBe('Echo: Hello gateway');
    expect(response.status).toBe('completed');
    expect(response.usage?.total_tokens).toBeGreaterThan(0);
    expect(lastMessages()).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello gateway' },
    ]);
  });

  it('responses.stream().finalResponse() assembles the streamed answer', async () => {
    const stream = openai().responses.stream({ model: 'default', input: 'Stream this please' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Echo: Stream this please');
    expect(deltas.join('')).toBe('Echo: Stream this please');
    expect(deltas.length).toBeGreaterThan(1);
    expect(final.usage?.output_tokens).toBeGreaterThan(0);
  });

  it('streams a function call the SDK assembles from argument deltas', async () => {
    callWeather('call_streamed');
    const stream = openai().responses.stream({ model: 'default', input: 'Weather?', tools: [weatherTool] });
    const final = await stream.finalResponse();
    expect(final.output).toMatchObject([
      {
        type: 'function_call',
        call_id: 'call_streamed',
        name: 'get_weather',
        arguments: WEATHER_ARGUMENTS,
        status: 'completed',
      },
    ]);
  });

  it('round-trips a function call, statelessly and by previous_response_id', async () => {
    const client = openai();
    callWeather();
    const first = await client.responses.create({
      model: 'default',
      input: 'Weather in Paris?',
      tools: [weatherTool],
    });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({
      name: 'get_weather',
      arguments: WEATHER_ARGUMENTS,
      call_id: 'call_weather',
    });
    if (call?.type !== 'function_call') throw new Error('no function call');
    const result = { type: 'function_call_output' as const, call_id: call.call_id, output: '18°C and sunny' };

    const stateless = await client.responses.create({
      model: 'default',
      // what SDK users do: the output items go back as input (the SDK's types disagree on statuses)
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        ...(first.output as OpenAI.Responses.ResponseInputItem[]),
        result,
      ],
      tools: [weatherTool],
    });
    expect(stateless.status).toBe('completed');
    const expected = [
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_weather', name: 'get_weather', arguments: WEATHER_ARGUMENTS }],
      },
      { role: 'tool', toolCallId: 'call_weather', content: '18°C and sunny' },
    ];
    expect(lastMessages()).toEqual(expected);

    const chained = await client.responses.create({
      model: 'default',
      previous_response_id: first.id,
      input: [result],
      tools: [weatherTool],
    });
    expect(chained.previous_response_id).toBe(first.id);
    expect(lastMessages()).toEqual(expected);
  });

  it('continues a conversation by previous_response_id', async () => {
    const client = openai();
    const first = await client.responses.create({ model: 'default', input: 'My name is Alice.' });
    const second = await client.responses.create({
      model: 'default',
      previous_response_id: first.id,
      input: 'What is my name?',
    });
    expect(second.output_text).toBe('Echo: What is my name?');
    expect(lastMessages()).toEqual([
      { role: 'user', content: 'My name is Alice.' },
      { role: 'assistant', content: 'Echo: My name is Alice.' },
      { role: 'user', content: 'What is my name?' },
    ]);
    const fetched = await client.responses.retrieve(second.id);
    expect(fetched.output_text).toBe(second.output_text);
    await client.responses.delete(first.id);
    await expect(client.responses.retrieve(first.id)).rejects.toMatchObject({ status: 404 });
  });

  it('raises a stream broken upstream as an error, never a short answer', async () => {
    mock.enqueue({
      type: 'error',
      afterChunks: 2,
      error: new ConnectorError('stream', 'The upstream connection was reset.', { providerId: 'mock' }),
    });
    const stream = openai().responses.stream({ model: 'default', input: 'Break please' });
    await expect(stream.finalResponse()).rejects.toThrow();
  });
});

describe('the Vercel AI SDK’s default OpenAI provider', () => {
  const model = () => createOpenAI({ apiKey: CLIENT_KEY, baseURL: `${gateway.url}/v1` })('default');

  it('generateText', async () => {
    const result = await generateText({ model: model(), system: 'Be brief.', prompt: 'Hello AI SDK' });
    expect(result.text).toBe('Echo: Hello AI SDK');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.totalTokens).toBeGreaterThan(0);
    expect(lastMessages()[0]).toEqual({ role: 'system', content: 'Be brief.' });
  });

  it('streamText', async () => {
    const result = streamText({ model: model(), prompt: 'Stream with the AI SDK' });
    const pieces: string[] = [];
    for await (const piece of result.textStream) pieces.push(piece);
    expect(pieces.join('')).toBe('Echo: Stream with the AI SDK');
    expect(pieces.length).toBeGreaterThan(1);
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
    expect(await result.finishReason).toBe('stop');
  });

  it('continues from its own earlier messages, which it sends back as item references', async () => {
    const bodies: string[] = [];
    const recording = createOpenAI({
      apiKey: CLIENT_KEY,
      baseURL: `${gateway.url}/v1`,
      fetch: async (url, init) => {
        bodies.push(String(init?.body));
        return fetch(url, init);
      },
    })('default');
    const first = await generateText({ model: recording, prompt: 'Remember 42.' });
    const second = await generateText({
      model: recording,
      messages: [
        { role: 'user', content: 'Remember 42.' },
        ...first.response.messages,
        { role: 'user', content: 'Which number?' },
      ],
    });
    expect(second.text).toBe('Echo: Which number?');
    expect(bodies[1]).toContain('"item_reference"');
    expect(lastMessages()).toEqual([
      { role: 'user', content: 'Remember 42.' },
      { role: 'assistant', content: 'Echo: Remember 42.' },
      { role: 'user', content: 'Which number?' },
    ]);
  });

  it('runs a tool call and answers with its result', async () => {
    callWeather('call_ai_sdk');
    const result = await generateText({
      model: model(),
      prompt: 'Weather in Paris?',
      tools: {
        get_weather: tool({
          description: 'Current weather',
          inputSchema: z.object({ location: z.string() }),
          execute: async ({ location }) => `18°C in ${location}`,
        }),
      },
      stopWhen: stepCountIs(2),
    });
    expect(result.steps[0]?.toolCalls).toMatchObject([
      { toolCallId: 'call_ai_sdk', toolName: 'get_weather', input: { location: 'Paris' } },
    ]);
    // the mock answers after tool results by quoting them: the result reached the model
    expect(result.text).toContain('18°C in Paris');
    expect(lastMessages().at(-1)).toMatchObject({ role: 'tool', toolCallId: 'call_ai_sdk' });
    expect(JSON.stringify(lastMessages().at(-1))).toContain('18°C in Paris');
  });
});

describe('LangChain’s ChatOpenAI with useResponsesApi', () => {
  const chat = () =>
    new ChatOpenAI({
      model: 'default',
      apiKey: CLIENT_KEY,
      useResponsesApi: true,
      maxRetries: 0,
      configuration: { baseURL: `${gateway.url}/v1` },
    });

  it('invokes and streams', async () => {
    const message = await chat().invoke('Hello LangChain');
    expect(message.text).toBe('Echo: Hello LangChain');
    let streamed: AIMessageChunk | undefined;
    for await (const chunk of await chat().stream('Stream LangChain'))
      streamed = streamed?.concat(chunk) ?? chunk;
    expect(streamed?.text).toBe('Echo: Stream LangChain');
    expect(streamed).toBeInstanceOf(AIMessageChunk);
  });

  it('calls a bound tool', async () => {
    callWeather('call_langchain');
    const withTools = chat().bindTools([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather',
          parameters: {
            type: 'object',
            properties: { location: { type: 'string' } },
            required: ['location'],
          },
        },
      },
    ]);
    const message = await withTools.invoke('Weather in Paris?');
    expect(message.tool_calls).toMatchObject([
      { id: 'call_langchain', name: 'get_weather', args: { location: 'Paris' } },
    ]);
    expect(requests.at(-1)?.tools?.map((definition) => definition.name)).toEqual(['get_weather']);
  });
});
