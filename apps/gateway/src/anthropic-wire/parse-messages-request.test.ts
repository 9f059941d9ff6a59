import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from './parse-messages-request.js';

const base = { model: 'default', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

describe('parseMessagesRequest', () => {
  it('maps sampling, thinking, tool choice, system blocks, images and assistant thinking', () => {
    const { request, stream } = parseMessagesRequest({
      ...base,
      system: [
        { type: 'text', text: 'Be brief.' },
        { type: 'text', text: 'Be kind.' },
      ],
      temperature: 0.5,
      top_p: 0.9,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tool_choice: { type: 'tool', name: 'lookup' },
      stream: true,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Looks like a logo.', signature: 'sig-1' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'text', text: 'A logo.' },
          ],
        },
      ],
    });
    expect(stream).toBe(true);
    expect(request).toMatchObject({
      model: 'default',
      maxTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      reasoning: { budgetTokens: 2048 },
      toolChoice: { type: 'tool', name: 'lookup' },
    });
    expect(request.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'Be kind.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBOR' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Looks like a logo.', signature: 'sig-1' },
          { type: 'reasoning', text: '', signature: 'opaque', redacted: true },
          { type: 'text', text: 'A logo.' },
        ],
      },
    ]);
  });

  it('turns several tool results into tool messages in order, error flag included', () => {
    const { request } = parseMessagesRequest({
      ...base,
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'a', input: { x: 1 } },
            { type: 'tool_use', id: 'toolu_2', name: 'b', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'one' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'failed', is_error: true },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'toolu_1', name: 'a', arguments: '{"x":1}' },
          { id: 'toolu_2', name: 'b', arguments: '{}' },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_1', content: 'one' },
      { role: 'tool', toolCallId: 'toolu_2', content: 'failed', isError: true },
    ]);
  });

  it.each([
    [{ ...base, max_tokens: undefined }, 'max_tokens'],
    [{ ...base, max_tokens: 0 }, 'max_tokens'],
    [{ ...base, messages: [] }, 'messages'],
    [{ ...base, messages: [{ role: 'system', content: 'x' }] }, 'messages.0.role'],
    [{ ...base, tools: [{ name: 'a' }] }, 'tools.0.input_schema'],
    [{ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools.0.type'],
    [{ ...base, tool_choice: { type: 'tool' } }, 'tool_choice.name'],
    [{ ...base, thinking: { type: 'enabled' } }, 'thinking.budget_tokens'],
    [{ ...base, metadata: { user_id: 5 } }, 'metadata.user_id'],
    [
      { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file' } }] }] },
      'messages.0.content.0.source.type',
    ],
  ])('names the failing field %#', (body, field) => {
    let thrown: unknown;
    try {
      parseMessagesRequest(body);
    } catch (error) {
      thrown = error;
    }
    expect(ConnectorError.isInstance(thrown)).toBe(true);
    expect((thrown as ConnectorError).code).toBe('invalid_request');
    expect((thrown as ConnectorError).field).toBe(field);
    expect((thrown as ConnectorError).message).toContain(`'${field}'`);
  });
});
