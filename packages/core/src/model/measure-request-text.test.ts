import { describe, expect, it } from 'vitest';
import type { CompletionRequest } from './completion-request.js';
import { estimateInputTokens } from './estimate-input-tokens.js';
import { measureRequestText } from './measure-request-text.js';

const request: CompletionRequest = {
  model: 'm',
  messages: [
    { role: 'system', content: 'Be brief.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
      ],
    },
    {
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 'c1', name: 'look', arguments: '{"q":1}' }],
    },
  ],
  tools: [{ name: 'look', description: 'Looks.', parameters: { type: 'object' } }],
};

describe('measureRequestText', () => {
  it('counts the characters of texts, tool calls and tool definitions, and the images', () => {
    const schema = JSON.stringify({ type: 'object' }).length;
    expect(measureRequestText(request)).toEqual({
      characters:
        'Be brief.'.length +
        'What is this?'.length +
        'look'.length +
        '{"q":1}'.length +
        'look'.length +
        'Looks.'.length +
        schema,
      images: 1,
    });
  });

  it('is what estimateInputTokens counts: a quarter of the characters, 4 a message, 765 an image', () => {
    const { characters } = measureRequestText(request);
    expect(estimateInputTokens(request)).toBe(Math.ceil(characters / 4) + 3 * 4 + 765);
  });
});
