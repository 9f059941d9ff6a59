import { describe, expect, it } from 'vitest';
import { MessageEventEncoder } from './message-event-encoder.js';

const parse = (sse: string) =>
  sse
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map(
      (frame) => JSON.parse(frame.split('\n')[1]?.slice('data: '.length) ?? '') as Record<string, unknown>,
    );

describe('MessageEventEncoder', () => {
  it('closes a thinking block at its signature and reports cache usage Anthropic-style', () => {
    const encoder = new MessageEventEncoder('msg_1', 'default', () => 'toolu_x');
    const sse = [
      encoder.encode({ type: 'reasoning-delta', text: 'Think' }),
      encoder.encode({ type: 'reasoning-delta', text: '', signature: 'sig' }),
      encoder.encode({ type: 'reasoning-delta', text: '', signature: 'opaque', redacted: true }),
      encoder.encode({ type: 'text-delta', text: 'Done' }),
      encoder.encode({ type: 'tool-call-delta', index: 0, argumentsDelta: '{}' }),
      encoder.encode({
        type: 'finish',
        finishReason: 'length',
        usage: {
          inputTokens: 100,
          outputTokens: 5,
          totalTokens: 105,
          cachedInputTokens: 60,
          cacheWriteInputTokens: 30,
        },
      }),
    ].join('');
    const events = parse(sse);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[2]?.delta).toEqual({ type: 'thinking_delta', thinking: 'Think' });
    expect(events[3]?.delta).toEqual({ type: 'signature_delta', signature: 'sig' });
    expect(events[5]).toEqual({
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'redacted_thinking', data: 'opaque' },
    });
    expect(events[10]?.content_block).toEqual({ type: 'tool_use', id: 'toolu_x', name: '', input: {} });
    expect(events[10]?.index).toBe(3);
    expect(events[13]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'max_tokens', stop_sequence: null },
      usage: {
        input_tokens: 10,
        output_tokens: 5,
        cache_read_input_tokens: 60,
        cache_creation_input_tokens: 30,
      },
    });
  });
});
