import {
  type CompletionRequest,
  ConnectorError,
  createHub,
  type StreamChunk,
  type ToolDefinition,
} from '@hub/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockProvider } from './create-mock-provider.js';
import { mockPlugin } from './mock-plugin.js';
import { MOCK_SCENARIOS } from './mock-scenarios.js';

const ask = (content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'mock-1',
  messages: [{ role: 'user', content }],
  ...extra,
});

async function collect(stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city'],
  },
};

afterEach(() => {
  vi.useRealTimers();
});

describe('createMockProvider', () => {
  it('echoes the last user message by default and records calls', async () => {
    const provider = createMockProvider();
    const response = await provider.sendCompletion(ask('ping'));
    expect(response.text).toBe('Echo: ping');
    expect(provider.calls).toHaveLength(1);
    expect(provider.calls[0]?.ended).toBe('completed');
  });

  it('answers scripted steps in order, then falls back to the default reply', async () => {
    const provider = createMockProvider({
      script: [
        { type: 'text', text: 'first' },
        { type: 'tool-call', name: 'lookup', arguments: '{"q":1}' },
      ],
    });
    expect((await provider.sendCompletion(ask('x'))).text).toBe('first');
    const toolResponse = await provider.sendCompletion(ask('x'));
    expect(toolResponse.finishReason).toBe('tool_calls');
    expect(toolResponse.content).toContainEqual({
      type: 'tool-call',
      id: expect.any(String),
      name: 'lookup',
      arguments: '{"q":1}',
    });
    expect((await provider.sendCompletion(ask('x'))).text).toBe('Echo: x');
  });

  it('fails a stream after the scripted number of chunks', async () => {
    const provider = createMockProvider({
      script: [{ type: 'error', afterChunks: 2, error: new ConnectorError('network', 'reset') }],
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of provider.streamCompletion(ask('x'))) {
          if (chunk.type === 'text-delta') seen.push(chunk.text);
        }
      })(),
    ).rejects.toMatchObject({ code: 'network' });
    expect(seen).toHaveLength(2);
  });

  describe('tool calls', () => {
    it('calls a required tool with arguments filled from its schema', async () => {
      const provider = createMockProvider();
      const response = await provider.sendCompletion(ask('Hi', { tools: [weather], toolChoice: 'required' }));
      expect(response.finishReason).toBe('tool_calls');
      const call = response.content.find((part) => part.type === 'tool-call');
      expect(call).toMatchObject({ name: 'get_weather' });
      expect(JSON.parse(call?.type === 'tool-call' ? call.arguments : '')).toEqual({
        city: 'city',
        unit: 'celsius',
      });
    });

    it('calls a tool the user names under auto, and answers its result with text', async () => {
      const provider = createMockProvider();
      const first = await provider.sendCompletion(
        ask('Please call get_weather for Paris', { tools: [weather] }),
      );
      const call = first.content.find((part) => part.type === 'tool-call');
      if (call?.type !== 'tool-call') throw new Error('expected a tool call');
      const second = await provider.sendCompletion({
        model: 'mock-1',
        tools: [weather],
        messages: [
          { role: 'user', content: 'Please call get_weather for Paris' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: call.id, name: call.name, arguments: call.arguments }],
          },
          { role: 'tool', toolCallId: call.id, content: '{"temp":21}' },
        ],
      });
      expect(second.finishReason).toBe('stop');
      expect(second.text).toBe('The tool get_weather returned: {"temp":21}');
      // a plain question with tools available gets text, as a model choosing not to call would
      expect((await provider.sendCompletion(ask('Hello', { tools: [weather] }))).text).toBe('Echo: Hello');
    });

    it('streams each tool call as one delta with its index', async () => {
      const provider = createMockProvider();
      const time: ToolDefinition = { name: 'get_time', parameters: { type: 'object', properties: {} } };
      const chunks = await collect(
        provider.streamCompletion(ask('get_weather and get_time please', { tools: [weather, time] })),
      );
      expect(chunks.filter((chunk) => chunk.type === 'tool-call-delta')).toEqual([
        expect.objectContaining({
          index: 0,
          name: 'get_weather',
          argumentsDelta: '{"city":"city","unit":"celsius"}',
        }),
        expect.objectContaining({ index: 1, name: 'get_time', argumentsDelta: '{}' }),
      ]);
      expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' });
    });

    it('answers a json_schema response format with the schema filled', async () => {
      const provider = createMockProvider();
      const response = await provider.sendCompletion(
        ask('Give me a person', {
          responseFormat: {
            type: 'json_schema',
            name: 'person',
            schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } } },
          },
        }),
      );
      expect(JSON.parse(response.text)).toEqual({ name: 'name', age: 1 });
    });
  });

  describe('scenarios', () => {
    it('mock-tools calls the first tool even when nobody asked for one', async () => {
      const provider = createMockProvider();
      const response = await provider.sendCompletion(ask('Hello', { model: 'mock-tools', tools: [weather] }));
      expect(response.finishReason).toBe('tool_calls');
      expect((await provider.sendCompletion(ask('Hello', { model: 'mock-tools' }))).text).toBe('Echo: Hello');
    });

    it('mock-error-429 fails every call with a rate limit and its wait', async () => {
      const provider = createMockProvider();
      for (let call = 0; call < 2; call++) {
        await expect(provider.sendCompletion(ask('x', { model: 'mock-error-429' }))).rejects.toMatchObject({
          code: 'rate_limit',
          retryAfterMs: 1000,
          status: 429,
          providerId: 'mock',
        });
      }
      await expect(provider.sendCompletion(ask('x', { model: 'mock-error-503' }))).rejects.toMatchObject({
        code: 'overloaded',
        retryable: true,
      });
    });

    it('mock-broken-stream sends three words, then fails with a stream error', async () => {
      const provider = createMockProvider();
      const seen: StreamChunk[] = [];
      await expect(
        (async () => {
          for await (const chunk of provider.streamCompletion(ask('x', { model: 'mock-broken-stream' })))
            seen.push(chunk);
        })(),
      ).rejects.toMatchObject({ code: 'stream' });
      expect(seen.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : chunk.type)).join('')).toBe(
        'This answer breaks ',
      );
    });

    it('mock-slow sends its first chunk after 600 ms, then one every 100 ms', async () => {
      vi.useFakeTimers();
      const provider = createMockProvider();
      const iterator = provider
        .streamCompletion(ask('one two', { model: 'mock-slow' }))
        [Symbol.asyncIterator]();
      let first: IteratorResult<StreamChunk> | undefined;
      void iterator.next().then((result) => {
        first = result;
      });
      await vi.advanceTimersByTimeAsync(599);
      expect(first).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(first?.value).toEqual({ type: 'text-delta', text: 'Echo: ' });
      let second: IteratorResult<StreamChunk> | undefined;
      void iterator.next().then((result) => {
        second = result;
      });
      await vi.advanceTimersByTimeAsync(99);
      expect(second).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(second?.value).toEqual({ type: 'text-delta', text: 'one ' });
      await iterator.return?.();
    });

    it('mock-hang answers nothing until the call is cancelled', async () => {
      const provider = createMockProvider();
      const controller = new AbortController();
      const pending = provider.sendCompletion(ask('x', { model: 'mock-hang' }), {
        signal: controller.signal,
      });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      expect(await provider.ended(0)).toBe('aborted');
    });

    it('takes scenarios from options, and never from inherited names', async () => {
      const provider = createMockProvider({
        scenarios: { ...MOCK_SCENARIOS, 'my-case': () => ({ type: 'text', text: 'custom' }) },
      });
      expect((await provider.sendCompletion(ask('x', { model: 'my-case' }))).text).toBe('custom');
      expect((await provider.sendCompletion(ask('x', { model: 'constructor' }))).text).toBe('Echo: x');
      const plain = createMockProvider({ scenarios: {} });
      expect((await plain.sendCompletion(ask('x', { model: 'mock-error-429' }))).text).toBe('Echo: x');
    });

    it('lets a scripted step win over the scenario', async () => {
      const provider = createMockProvider({ script: [{ type: 'text', text: 'scripted' }] });
      expect((await provider.sendCompletion(ask('x', { model: 'mock-error-500' }))).text).toBe('scripted');
    });
  });

  describe('embed', () => {
    it('answers one deterministic unit vector per input, with usage of about four characters a token', async () => {
      const provider = createMockProvider();
      const response = await provider.embed({
        model: 'mock-embed',
        input: ['hello world', 'hello world', 'abc'],
      });
      expect(response).toMatchObject({
        provider: 'mock',
        model: 'mock-embed',
        usage: { inputTokens: 3 + 3 + 1 },
      });
      expect(response.embeddings).toHaveLength(3);
      const [first, second, third] = response.embeddings as [Float32Array, Float32Array, Float32Array];
      expect(first).toHaveLength(256);
      expect(first).toEqual(second);
      expect(first).not.toEqual(third);
      expect(Math.hypot(...first)).toBeCloseTo(1, 5);
      expect(provider.embeddingCalls).toEqual([
        expect.objectContaining({ operation: 'embed', ended: 'completed' }),
      ]);
    });

    it('honours dimensions up to the catalog length and refuses more, naming the field', async () => {
      const provider = createMockProvider();
      const short = await provider.embed({ model: 'mock-embed', input: 'x', dimensions: 64 });
      expect(short.embeddings[0]).toHaveLength(64);
      expect(Math.hypot(...(short.embeddings[0] as Float32Array))).toBeCloseTo(1, 5);
      await expect(
        provider.embed({ model: 'mock-embed', input: 'x', dimensions: 512 }),
      ).rejects.toMatchObject({
        code: 'invalid_request',
        field: 'dimensions',
      });
      // a model the catalog does not describe as an embedding model takes any length up to 4,096
      expect(
        (await provider.embed({ model: 'mock-1', input: 'x', dimensions: 1024 })).embeddings[0],
      ).toHaveLength(1024);
      await expect(provider.embed({ model: 'mock-1', input: 'x', dimensions: 5000 })).rejects.toMatchObject({
        field: 'dimensions',
      });
    });

    it('refuses an input above the model’s token limit, naming it', async () => {
      const provider = createMockProvider();
      await expect(
        provider.embed({ model: 'mock-embed', input: ['ok', 'x'.repeat(8_192 * 4 + 1)] }),
      ).rejects.toMatchObject({ code: 'context_length_exceeded', field: 'input.1' });
    });

    it('takes embedding, error and hang steps from the script, leaving completion steps alone', async () => {
      const provider = createMockProvider({
        script: [
          { type: 'text', text: 'for the completion' },
          { type: 'error', error: new ConnectorError('overloaded', 'busy') },
          { type: 'embedding', embeddings: [[1, 0, 0]], inputTokens: 9 },
        ],
      });
      await expect(provider.embed({ model: 'mock-embed', input: 'a' })).rejects.toMatchObject({
        code: 'overloaded',
      });
      const scripted = await provider.embed({ model: 'mock-embed', input: 'a' });
      expect(scripted.embeddings).toEqual([Float32Array.from([1, 0, 0])]);
      expect(scripted.usage.inputTokens).toBe(9);
      expect((await provider.sendCompletion(ask('x'))).text).toBe('for the completion');
      expect(provider.embeddingCalls.map((call) => call.ended)).toEqual(['failed', 'completed']);
    });

    it('fails embeddings of an error scenario model the same way', async () => {
      const provider = createMockProvider();
      await expect(provider.embed({ model: 'mock-error-429', input: 'a' })).rejects.toMatchObject({
        code: 'rate_limit',
      });
    });
  });

  describe('countTokens', () => {
    it('counts exactly what the completion reports as input tokens', async () => {
      const provider = createMockProvider();
      const request = ask('What is the weather like in Paris today?', { tools: [weather] });
      const count = await provider.countTokens(request);
      const response = await provider.sendCompletion(request);
      expect(count).toEqual({
        inputTokens: response.usage.inputTokens,
        exact: true,
        provider: 'mock',
        model: 'mock-1',
      });
      expect(count.inputTokens).toBeGreaterThan(10);
      expect(provider.tokenCountCalls).toHaveLength(1);
    });

    it('answers scripted counts and failures', async () => {
      const provider = createMockProvider({
        script: [
          { type: 'token-count', inputTokens: 42 },
          { type: 'error', error: new ConnectorError('rate_limit', 'slow') },
        ],
      });
      expect(await provider.countTokens(ask('x'))).toMatchObject({ inputTokens: 42, exact: true });
      await expect(provider.countTokens(ask('x'))).rejects.toMatchObject({ code: 'rate_limit' });
    });
  });

  describe('recording', () => {
    it('keeps only the most recent calls, 10,000 by default, so a long-lived mock stays bounded', async () => {
      const provider = createMockProvider();
      for (let call = 0; call < 10_005; call++) await provider.sendCompletion(ask(`call ${call}`));
      expect(provider.calls).toHaveLength(10_000);
      expect(provider.calls[0]?.request.messages[0]?.content).toBe('call 5');
      expect(provider.calls.at(-1)?.request.messages[0]?.content).toBe('call 10004');
    });

    it('bounds embedding and counting calls the same way', async () => {
      const provider = createMockProvider({ maxRecordedCalls: 2 });
      for (let call = 0; call < 3; call++) {
        await provider.embed({ model: 'mock-embed', input: `text ${call}` });
        await provider.countTokens(ask(`count ${call}`));
      }
      expect(provider.embeddingCalls.map((call) => call.request.input)).toEqual(['text 1', 'text 2']);
      expect(provider.tokenCountCalls).toHaveLength(2);
    });

    it('resolves ended() by position after older calls were dropped', async () => {
      const provider = createMockProvider({ maxRecordedCalls: 2 });
      await provider.sendCompletion(ask('x'));
      await provider.sendCompletion(ask('x'));
      provider.enqueue({ type: 'hang' });
      const controller = new AbortController();
      const hanging = provider.sendCompletion(ask('x'), { signal: controller.signal });
      // the hanging call is the newest of the two kept
      const ended = provider.ended(1);
      controller.abort();
      await expect(hanging).rejects.toMatchObject({ code: 'cancelled' });
      expect(await ended).toBe('aborted');
      expect(await provider.ended(0)).toBe('completed');
    });

    it('records nothing with maxRecordedCalls: 0', async () => {
      const provider = createMockProvider({ maxRecordedCalls: 0 });
      for (let call = 0; call < 10; call++) {
        await provider.sendCompletion(ask('x'));
        await provider.embed({ model: 'mock-embed', input: 'x' });
        await provider.countTokens(ask('x'));
      }
      await collect(provider.streamCompletion(ask('x')));
      expect([provider.calls, provider.embeddingCalls, provider.tokenCountCalls]).toEqual([[], [], []]);
    });

    it('refuses a bound that is not a non-negative integer', () => {
      expect(() => createMockProvider({ maxRecordedCalls: -1 })).toThrow(/maxRecordedCalls/);
      expect(() => createMockProvider({ maxRecordedCalls: 1.5 })).toThrow(/maxRecordedCalls/);
    });
  });
});

describe('mockPlugin in a hub', () => {
  it('registers under plugin API version 2 and serves every operation', async () => {
    const plugin = mockPlugin();
    expect(plugin.apiVersion).toBe(2);
    const hub = createHub({ plugins: [plugin] });
    const embedded = await hub.embed({ model: 'mock/mock-embed', input: ['a', 'b'], dimensions: 32 });
    expect(embedded.embeddings.map((vector) => vector.length)).toEqual([32, 32]);
    const count = await hub.countTokens(ask('Hello there', { model: 'mock/mock-1' }));
    expect(count).toMatchObject({ exact: true, provider: 'mock', inputTokens: 3 });
    const metadata = await hub.metadata();
    expect(metadata[0]?.models.map((model) => model.id)).toEqual(
      expect.arrayContaining(['mock-1', 'mock-tools', 'mock-error-429', 'mock-embed']),
    );
    await hub.close();
  });
});
