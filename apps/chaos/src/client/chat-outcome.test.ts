import { describe, expect, it } from 'vitest';
import { answerText, chatCompletionBody, chatCompletionEvents } from '../upstream/openai-chat-wire.js';
import { classifyCompletion, classifyStream } from './chat-outcome.js';

// The classifier is the suite's eye: if it called a cut stream complete, every scenario would pass
// blind. These cases pin what each outcome means.
const headers = new Headers({ 'retry-after': '2' });
const expected = answerText('p');
const events = chatCompletionEvents('m', 'p', true);
const errorFrame = 'data: {"error":{"message":"cut","type":"server_error","param":null,"code":"stream"}}\n\n';

describe('classifyStream', () => {
  it('is complete only with every delta, a finish reason and [DONE] last', () => {
    expect(classifyStream(200, headers, events.join(''), expected)).toEqual({ kind: 'complete' });
    for (let cut = 0; cut < events.length; cut++) {
      expect(classifyStream(200, headers, events.slice(0, cut).join(''), expected).kind, `cut ${cut}`).toBe(
        'broken',
      );
    }
    // [DONE] after a missing delta, or without a finish reason, is invented completeness
    const withoutDelta = events.filter((_, index) => index !== 2);
    expect(classifyStream(200, headers, withoutDelta.join(''), expected).kind).toBe('broken');
    const withoutFinish = events.filter((_, index) => index !== 5);
    expect(classifyStream(200, headers, withoutFinish.join(''), expected).kind).toBe('broken');
  });

  it('accepts an error frame only as the last event', () => {
    const cut = events.slice(0, 3).join('');
    expect(classifyStream(200, headers, cut + errorFrame, expected)).toEqual({
      kind: 'error-frame',
      code: 'stream',
    });
    expect(classifyStream(200, headers, `${cut}${errorFrame}data: [DONE]\n\n`, expected).kind).toBe('broken');
  });

  it('reads a non-200 status as a typed error only in OpenAI’s shape', () => {
    const body =
      '{"error":{"message":"slow down","type":"rate_limit_error","param":null,"code":"rate_limit"}}';
    expect(classifyStream(429, headers, body, expected)).toEqual({
      kind: 'error-status',
      status: 429,
      code: 'rate_limit',
      retryAfter: '2',
    });
    expect(classifyStream(500, headers, 'Internal Server Error', expected).kind).toBe('broken');
  });
});

describe('classifyCompletion', () => {
  it('is complete only with the whole answer', () => {
    expect(classifyCompletion(200, headers, JSON.stringify(chatCompletionBody('m', 'p')), expected)).toEqual({
      kind: 'complete',
    });
    expect(
      classifyCompletion(200, headers, JSON.stringify(chatCompletionBody('m', 'q')), expected).kind,
    ).toBe('broken');
    expect(classifyCompletion(200, headers, '{"choices":[', expected).kind).toBe('broken');
  });
});
