import { describe, expect, it } from 'vitest';
import { buildFakeUpstreamFrames } from './fake-upstream-frames.js';

describe('buildFakeUpstreamFrames', () => {
  it('builds one SSE event per content chunk plus role, finish, usage and [DONE]', () => {
    const frames = buildFakeUpstreamFrames({ chunks: 50 });
    expect(frames.streamEvents).toHaveLength(54);
    expect(frames.streamText.split(' ').filter(Boolean)).toHaveLength(50);
    for (const event of frames.streamEvents) expect(event.toString().endsWith('\n\n')).toBe(true);
    expect(frames.streamEvents.at(-1)?.toString()).toBe('data: [DONE]\n\n');
    expect(frames.heldPrefix).toBe(2);
  });

  it('uses the model and content it is given', () => {
    const frames = buildFakeUpstreamFrames({ chunks: 1, model: 'gpt-4.1', content: 'Hi.' });
    const completion = JSON.parse(frames.completion.toString());
    expect(completion.model).toBe('gpt-4.1');
    expect(completion.choices[0].message.content).toBe('Hi.');
    expect(frames.completionText).toBe('Hi.');
  });

  it('rejects a chunk count that is not a positive integer', () => {
    expect(() => buildFakeUpstreamFrames({ chunks: 0 })).toThrow(RangeError);
    expect(() => buildFakeUpstreamFrames({ chunks: 1.5 })).toThrow(RangeError);
  });
});
