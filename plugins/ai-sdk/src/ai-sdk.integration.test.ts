import { ConnectorError } from '@hub/core';
import { generateText, Output, stepCountIs, streamText, type TextStreamPart, type ToolSet, tool } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createHubProvider, type HubProvider } from './create-hub-provider.js';
import { mockUpstream } from './test-support/mock-upstream.js';
import { scriptedUpstream } from './test-support/scripted-upstream.js';
import type { UpstreamHarness } from './test-support/upstream-harness.js';

// Every case runs twice: against the in-memory mock provider, and against the OpenAI provider
// talking HTTP to a scripted server. The AI SDK's own functions drive the provider throughout.
const UPSTREAMS: ReadonlyArray<readonly [string, () => Promise<UpstreamHarness> | UpstreamHarness]> = [
  ['the mock provider', mockUpstream],
  ['the scripted OpenAI upstream', scriptedUpstream],
];

async function collect<TOOLS extends ToolSet>(
  stream: AsyncIterable<TextStreamPart<TOOLS>>,
): Promise<TextStreamPart<TOOLS>[]> {
  const parts: TextStreamPart<TOOLS>[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe.each(UPSTREAMS)('@hub/ai-sdk against %s', (_name, createUpstream) => {
  let upstream: UpstreamHarness;
  let hub: HubProvider;

  beforeEach(async () => {
    upstream = await createUpstream();
    hub = createHubProvider(upstream.hub);
  });
  afterEach(async () => {
    await upstream.close();
  });

  it('answers generateText through the hub, with usage and the answering provider', async () => {
    upstream.replyText('Hello from the hub.');
    const result = await generateText({
      model: hub('main'),
      system: 'Be brief.',
      prompt: 'Say hello.',
      temperature: 0.2,
      maxOutputTokens: 64,
    });
    expect(result.text).toBe('Hello from the hub.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.providerMetadata?.hub?.provider).toBe(upstream.providerId);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello.' },
      ],
      temperature: 0.2,
      maxTokens: 64,
    });
  });

  it('streams text parts in order and finishes with stop', async () => {
    upstream.replyText('One two three.');
    const result = streamText({ model: hub('main'), prompt: 'Count.' });
    const parts = await collect(result.fullStream);
    const types = parts.map((part) => part.type);
    expect(types[0]).toBe('start');
    expect(types.filter((type) => type === 'text-start')).toHaveLength(1);
    expect(types.indexOf('text-start')).toBeLessThan(types.indexOf('text-delta'));
    expect(types.lastIndexOf('text-delta')).toBeLessThan(types.indexOf('text-end'));
    expect(types.indexOf('text-end')).toBeLessThan(types.indexOf('finish-step'));
    expect(types.at(-1)).toBe('finish');
    expect(types).not.toContain('error');
    expect(await result.text).toBe('One two three.');
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it('returns structured output matching a zod schema, asking the model for that schema', async () => {
    upstream.replyText('{"name":"Ada Lovelace","born":1815,"languages":["en","fr"]}');
    const schema = z.object({ name: z.string(), born: z.number().int(), languages: z.array(z.string()) });
    const result = await generateText({
      model: hub('main'),
      output: Output.object({ schema, name: 'person' }),
      prompt: 'Who wrote the first program?',
    });
    expect(result.output).toEqual({ name: 'Ada Lovelace', born: 1815, languages: ['en', 'fr'] });
    const format = upstream.requests[0]?.responseFormat;
    expect(format).toMatchObject({ type: 'json_schema', name: 'person' });
    expect(format?.type === 'json_schema' && format.schema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string' }, languages: { type: 'array' } },
      required: ['name', 'born', 'languages'],
    });
  });

  it('streams structured output', async () => {
    upstream.replyText('{"city":"Paris","sunny":true}');
    const result = streamText({
      model: hub('main'),
      output: Output.object({ schema: z.object({ city: z.string(), sunny: z.boolean() }) }),
      prompt: 'Weather?',
    });
    expect(await result.output).toEqual({ city: 'Paris', sunny: true });
    expect(upstream.requests[0]?.responseFormat?.type).toBe('json_schema');
  });

  const weatherTools = (execute: (input: { city: string }) => Promise<unknown>) => ({
    weather: tool({
      description: 'The weather in a city.',
      inputSchema: z.object({ city: z.string() }),
      execute,
    }),
  });

  it('runs multi-step tool calling with stopWhen, sending the call and its result back', async () => {
    upstream.replyToolCall({ id: 'call_weather_1', name: 'weather', arguments: '{"city":"Paris"}' });
    upstream.replyText('It is sunny in Paris.');
    const execute = vi.fn(async ({ city }: { city: string }) => ({ city, forecast: 'sunny' }));
    const result = await generateText({
      model: hub('main'),
      tools: weatherTools(execute),
      stopWhen: stepCountIs(5),
      prompt: 'Weather in Paris?',
    });
    expect(execute).toHaveBeenCalledTimes(1);
    expect(execute.mock.calls[0]?.[0]).toEqual({ city: 'Paris' });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.finishReason).toBe('tool-calls');
    expect(result.text).toBe('It is sunny in Paris.');
    const first = upstream.requests[0];
    expect(first?.tools).toEqual([
      expect.objectContaining({
        name: 'weather',
        description: 'The weather in a city.',
        parameters: expect.objectContaining({ type: 'object', required: ['city'] }),
      }),
    ]);
    const second = upstream.requests[1];
    expect(second?.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_weather_1', name: 'weather', arguments: '{"city":"Paris"}' }],
      },
      { role: 'tool', toolCallId: 'call_weather_1', content: '{"city":"Paris","forecast":"sunny"}' },
    ]);
  });

  it('runs multi-step tool calling while streaming', async () => {
    upstream.replyToolCall({ id: 'call_weather_2', name: 'weather', arguments: '{"city":"Oslo"}' });
    upstream.replyText('Snow in Oslo.');
    const result = streamText({
      model: hub('main'),
      tools: weatherTools(async ({ city }) => ({ city, forecast: 'snow' })),
      stopWhen: stepCountIs(3),
      prompt: 'Weather in Oslo?',
    });
    const parts = await collect(result.fullStream);
    const types = parts.map((part) => part.type);
    // the first step: tool input streamed, then the complete call, then the executed result
    expect(types.indexOf('tool-input-start')).toBeLessThan(types.indexOf('tool-input-end'));
    expect(types.indexOf('tool-input-end')).toBeLessThan(types.indexOf('tool-call'));
    expect(types.indexOf('tool-call')).toBeLessThan(types.indexOf('tool-result'));
    expect(parts.find((part) => part.type === 'tool-call')).toMatchObject({
      toolCallId: 'call_weather_2',
      toolName: 'weather',
      input: { city: 'Oslo' },
    });
    expect(types.filter((type) => type === 'finish-step')).toHaveLength(2);
    expect(await result.text).toBe('Snow in Oslo.');
    expect(upstream.requests[1]?.messages.at(-1)).toEqual({
      role: 'tool',
      toolCallId: 'call_weather_2',
      content: '{"city":"Oslo","forecast":"snow"}',
    });
  });

  it('stops mid-stream when the caller aborts, closing the upstream call', async () => {
    upstream.replyStall('Once upon a time ');
    const controller = new AbortController();
    const onAbort = vi.fn();
    const result = streamText({
      model: hub('main'),
      prompt: 'Tell a long story.',
      abortSignal: controller.signal,
      onAbort,
    });
    const seen: string[] = [];
    for await (const part of result.fullStream) {
      seen.push(part.type);
      if (part.type === 'text-delta') controller.abort();
    }
    expect(seen).toContain('text-delta');
    expect(seen.at(-1)).toBe('abort');
    expect(seen).not.toContain('finish');
    expect(onAbort).toHaveBeenCalledTimes(1);
    await upstream.upstreamClosed();
  });

  it('falls back from a failing target to a working one (generateText)', async () => {
    upstream.replyText('Answered by the second target.');
    const result = await generateText({ model: hub('resilient'), prompt: 'Hello?' });
    expect(result.text).toBe('Answered by the second target.');
    expect(result.providerMetadata?.hub?.provider).toBe(upstream.providerId);
    expect(upstream.failingCalls()).toBe(1);
  });

  it('falls back from a failing target to a working one (streamText)', async () => {
    upstream.replyText('Streamed by the second target.');
    const result = streamText({ model: hub('resilient'), prompt: 'Hello?' });
    expect(await result.text).toBe('Streamed by the second target.');
    expect(await result.finishReason).toBe('stop');
    expect(upstream.failingCalls()).toBe(1);
  });

  it('surfaces a broken upstream stream as an error, never as a quiet finish', async () => {
    upstream.replyBrokenStream('A partial answer ');
    const onError = vi.fn();
    const result = streamText({ model: hub('main'), prompt: 'Answer.', onError });
    const parts = await collect(result.fullStream);
    const error = parts.find((part) => part.type === 'error');
    expect(error).toBeDefined();
    expect(ConnectorError.isInstance(error?.type === 'error' && error.error)).toBe(true);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(ConnectorError.isInstance(onError.mock.calls[0]?.[0].error)).toBe(true);
    expect(parts.map((part) => part.type)).toContain('text-delta');
    expect(await result.finishReason).toBe('error');
    expect(parts.find((part) => part.type === 'finish')).toMatchObject({ finishReason: 'error' });
  });

  it('rejects generateText with the hub error, without the AI SDK retrying on top of the hub', async () => {
    upstream.replyFailure();
    const failure = await generateText({ model: hub('main'), prompt: 'Hello?' }).catch(
      (error: unknown) => error,
    );
    expect(ConnectorError.isInstance(failure)).toBe(true);
    expect((failure as ConnectorError).retryable).toBe(true);
    // the AI SDK's default maxRetries (2) did not multiply the hub's single attempt
    expect(upstream.requests).toHaveLength(1);
  });

  it('reports a stream that fails before any output as an error with no output', async () => {
    upstream.replyFailure();
    const onError = vi.fn();
    const result = streamText({ model: hub('main'), prompt: 'Hello?', onError });
    const parts = await collect(result.fullStream);
    // doStream rejected: the AI SDK reports the error and ends the stream without a step
    expect(parts.map((part) => part.type)).toEqual(['start', 'error']);
    expect(ConnectorError.isInstance(onError.mock.calls[0]?.[0].error)).toBe(true);
    await expect(result.text).rejects.toThrow();
    expect(upstream.requests).toHaveLength(1);
  });
});
