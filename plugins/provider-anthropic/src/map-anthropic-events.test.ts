import { ConnectorError, type StreamChunk } from '@hub/core';
import type { SseEvent } from '@hub/provider-utils';
import { describe, expect, it } from 'vitest';
import { mapAnthropicEvents } from './map-anthropic-events.js';

const event = (data: { type: string; [key: string]: unknown }): SseEvent => ({
  event: data.type,
  data: JSON.stringify(data),
});

const START = event({
  type: 'message_start',
  message: { id: 'msg_1', model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: 5, output_tokens: 1 } },
});
const STOP = event({ type: 'message_stop' });

/** A source that records whether it was read to the end or returned early. */
function source(events: readonly SseEvent[]) {
  const state = { read: 0, returned: false };
  const iterable: AsyncIterable<SseEvent> = {
    [Symbol.asyncIterator]() {
      let index = 0;
      return {
        async next() {
          if (index >= events.length) return { done: true, value: undefined };
          state.read++;
          return { done: false, value: events[index++] as SseEvent };
        },
        async return() {
          state.returned = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, state };
}

async function collect(events: readonly SseEvent[]): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of mapAnthropicEvents(source(events).iterable, { model: 'claude-sonnet-4-5' })) {
    chunks.push(chunk);
  }
  return chunks;
}

describe('mapAnthropicEvents', () => {
  it('prefers cumulative message_delta usage fields over message_start ones', async () => {
    const chunks = await collect([
      START,
      event({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn' },
        usage: { input_tokens: 6, cache_read_input_tokens: 100, output_tokens: 42 },
      }),
      STOP,
    ]);
    expect(chunks).toEqual([
      {
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 106, outputTokens: 42, totalTokens: 148, cachedInputTokens: 100 },
        responseId: 'msg_1',
        model: 'claude-sonnet-4-5-20250929',
      },
    ]);
  });

  it('reads events after message_stop to the end, so the connection can be reused', async () => {
    const { iterable, state } = source([START, STOP, event({ type: 'ping' })]);
    const chunks: StreamChunk[] = [];
    for await (const chunk of mapAnthropicEvents(iterable, { model: 'm' })) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['finish']);
    expect(state.read).toBe(3);
    expect(state.returned).toBe(false);
  });

  it('returns the source when the consumer stops early', async () => {
    const { iterable, state } = source([
      START,
      event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'Hi' } }),
      event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' there' } }),
      STOP,
    ]);
    for await (const chunk of mapAnthropicEvents(iterable, { model: 'm' })) {
      expect(chunk).toEqual({ type: 'text-delta', text: 'Hi' });
      break;
    }
    expect(state.returned).toBe(true);
  });

  it('streams redacted thinking as a signature and a tool call that starts with its input', async () => {
    const chunks = await collect([
      START,
      event({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'redacted_thinking', data: 'enc' },
      }),
      event({ type: 'content_block_stop', index: 0 }),
      event({
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_9', name: 'lookup', input: { q: 1 } },
      }),
      event({ type: 'content_block_stop', index: 1 }),
      event({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 2 } }),
      STOP,
    ]);
    expect(chunks.slice(0, 2)).toEqual([
      // redacted, so the next turn sends it back as redacted_thinking, not as an empty thinking block
      { type: 'reasoning-delta', text: '', signature: 'enc', redacted: true },
      { type: 'tool-call-delta', index: 0, id: 'toolu_9', name: 'lookup', argumentsDelta: '{"q":1}' },
    ]);
    expect(chunks[2]).toMatchObject({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('fails with a stream error when a known event carries data that is not JSON', async () => {
    const error = await collect([START, { event: 'content_block_delta', data: '{"type":"content_bl' }]).catch(
      (thrown: unknown) => thrown,
    );
    expect(ConnectorError.isInstance(error)).toBe(true);
    expect((error as ConnectorError).code).toBe('stream');
  });

  it('fails an empty stream instead of ending silently', async () => {
    const error = await collect([]).catch((thrown: unknown) => thrown);
    expect((error as ConnectorError).code).toBe('stream');
    expect((error as ConnectorError).model).toBe('claude-sonnet-4-5');
  });
});
