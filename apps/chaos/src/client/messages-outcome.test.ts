import { describe, expect, it } from 'vitest';
import { classifyMessagesStream } from './messages-outcome.js';

const headers = new Headers();
const event = (type: string, data: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const stream = [
  event('message_start', { message: { id: 'msg_1', role: 'assistant', content: [] } }),
  event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hello ' } }),
  event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'world' } }),
  event('content_block_stop', { index: 0 }),
  event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }),
  event('message_stop', {}),
];
const error = event('error', { error: { type: 'api_error', message: 'upstream cut' } });

describe('classifyMessagesStream', () => {
  it('is complete only with every delta, a stop reason and message_stop last', () => {
    expect(classifyMessagesStream(200, headers, stream.join(''), 'Hello world')).toEqual({
      kind: 'complete',
    });
    for (let cut = 0; cut < stream.length; cut++)
      expect(classifyMessagesStream(200, headers, stream.slice(0, cut).join(''), 'Hello world').kind).toBe(
        'broken',
      );
    expect(classifyMessagesStream(200, headers, stream.join(''), 'Hello world!').kind).toBe('broken');
  });

  it('accepts an error event only as the last one, and statuses only in Anthropic’s shape', () => {
    expect(classifyMessagesStream(200, headers, stream.slice(0, 3).join('') + error, 'Hello world')).toEqual({
      kind: 'error-frame',
      code: 'api_error',
    });
    expect(classifyMessagesStream(200, headers, error + stream.at(-1), 'Hello world').kind).toBe('broken');
    const body = '{"type":"error","error":{"type":"overloaded_error","message":"busy"}}';
    expect(classifyMessagesStream(529, headers, body, '')).toEqual({
      kind: 'error-status',
      status: 529,
      code: 'overloaded_error',
    });
    expect(classifyMessagesStream(502, headers, '{"error":{"message":"x"}}', '').kind).toBe('broken');
  });
});
