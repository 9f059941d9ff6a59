import { ConnectorError, type StreamChunk } from '@hub/core';
import { describe, expect, it } from 'vitest';
import type { EventStreamMessage } from './event-stream-message.js';
import { mapConverseStreamEvents } from './map-converse-stream-events.js';

const event = (eventType: string, payload: object | string): EventStreamMessage => ({
  headers: { ':message-type': 'event', ':event-type': eventType, ':content-type': 'application/json' },
  body: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
});

async function* messagesOf(...messages: EventStreamMessage[]): AsyncGenerator<EventStreamMessage> {
  yield* messages;
}

async function run(messages: EventStreamMessage[], requestId?: string): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of mapConverseStreamEvents(messagesOf(...messages), {
    model: 'amazon.nova-pro-v1:0',
    ...(requestId !== undefined && { requestId }),
  })) {
    chunks.push(chunk);
  }
  return chunks;
}

async function runError(messages: EventStreamMessage[]): Promise<ConnectorError> {
  try {
    await run(messages);
  } catch (error) {
    expect(ConnectorError.isInstance(error)).toBe(true);
    return error as ConnectorError;
  }
  throw new Error('expected a failure');
}

const usage = { inputTokens: 3, outputTokens: 4, totalTokens: 7 };

describe('mapConverseStreamEvents', () => {
  it('emits finish once both messageStop and metadata arrived, in either order', async () => {
    const chunks = await run(
      [
        event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } }),
        event('metadata', { usage, metrics: { latencyMs: 5 } }),
        event('messageStop', { stopReason: 'max_tokens' }),
      ],
      'request-1',
    );
    expect(chunks).toEqual([
      { type: 'text-delta', text: 'x' },
      {
        type: 'finish',
        finishReason: 'length',
        usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
        responseId: 'request-1',
        model: 'amazon.nova-pro-v1:0',
      },
    ]);
  });

  it('ignores messageStart, unknown event types and anything after finish', async () => {
    const chunks = await run([
      event('messageStart', { role: 'assistant' }),
      event('somethingNew', 'not even json'),
      event('contentBlockDelta', { contentBlockIndex: 0, delta: { citation: { title: 't' } } }),
      event('messageStop', { stopReason: 'end_turn' }),
      event('metadata', { usage }),
      event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'late' } }),
    ]);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['finish']);
  });

  it('numbers tool calls 0, 1, … even when deltas arrive without a start event', async () => {
    const chunks = await run([
      event('contentBlockDelta', { contentBlockIndex: 3, delta: { toolUse: { input: '{"a":1}' } } }),
      event('contentBlockStart', {
        contentBlockIndex: 5,
        start: { toolUse: { toolUseId: 't2', name: 'second' } },
      }),
      event('contentBlockDelta', { contentBlockIndex: 5, delta: { toolUse: { input: '{}' } } }),
      event('contentBlockStop', { contentBlockIndex: 3 }),
      event('contentBlockStop', { contentBlockIndex: 5 }),
      event('messageStop', { stopReason: 'tool_use' }),
      event('metadata', { usage }),
    ]);
    expect(chunks.filter((chunk) => chunk.type === 'tool-call-delta')).toEqual([
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":1}' },
      { type: 'tool-call-delta', index: 1, id: 't2', name: 'second', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
    ]);
  });

  it('maps redacted reasoning to a redacted reasoning delta carrying the data as signature', async () => {
    const chunks = await run([
      event('contentBlockDelta', {
        contentBlockIndex: 0,
        delta: { reasoningContent: { redactedContent: 'ZW5jcnlwdGVk' } },
      }),
      event('messageStop', { stopReason: 'end_turn' }),
      event('metadata', { usage }),
    ]);
    expect(chunks[0]).toEqual({
      type: 'reasoning-delta',
      text: '',
      signature: 'ZW5jcnlwdGVk',
      redacted: true,
    });
  });

  it('throws the error of an :message-type error frame', async () => {
    const error = await runError([
      {
        headers: {
          ':message-type': 'error',
          ':error-code': 'ThrottlingException',
          ':error-message': 'Rate exceeded',
        },
        body: new Uint8Array(),
      },
    ]);
    expect(error).toMatchObject({ code: 'rate_limit', providerCode: 'ThrottlingException' });
    expect(error.message).toContain('Rate exceeded');
  });

  it('classifies a validationException saying the input is too long as context_length_exceeded', async () => {
    const error = await runError([
      {
        headers: { ':message-type': 'exception', ':exception-type': 'validationException' },
        body: Buffer.from(JSON.stringify({ message: 'Input is too long for requested model.' })),
      },
    ]);
    expect(error.code).toBe('context_length_exceeded');
  });

  it('throws a stream error for an event payload that is not JSON', async () => {
    const error = await runError([event('contentBlockDelta', '{"delta": ')]);
    expect(error.code).toBe('stream');
    expect(error.message).toContain('not JSON');
  });

  it.each([
    [[event('messageStop', { stopReason: 'end_turn' })], 'without metadata'],
    [[event('metadata', { usage })], 'without messageStop'],
    [[], 'without messageStop and metadata'],
  ])('never ends silently: %#', async (messages, expected) => {
    const error = await runError(messages);
    expect(error.code).toBe('stream');
    expect(error.message).toContain(expected);
  });
});
