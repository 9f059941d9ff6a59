import type { LanguageModelV3Prompt, SharedV3Warning } from '@ai-sdk/provider';
import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { convertToHubMessages } from './convert-to-hub-messages.js';

function convert(prompt: LanguageModelV3Prompt) {
  const warnings: SharedV3Warning[] = [];
  return { messages: convertToHubMessages(prompt, warnings), warnings };
}

function failure(prompt: LanguageModelV3Prompt): ConnectorError {
  try {
    convert(prompt);
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
  }
  throw new Error('expected a ConnectorError');
}

const callTurn = (id: string): LanguageModelV3Prompt[number] => ({
  role: 'assistant',
  content: [{ type: 'tool-call', toolCallId: id, toolName: 'lookup', input: { q: 'x' } }],
});

describe('convertToHubMessages', () => {
  it('maps every role, keeping order, participant names and image hints', () => {
    const { messages } = convert([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }], providerOptions: { hub: { name: 'ada' } } },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          {
            type: 'file',
            mediaType: 'image/*',
            data: 'AAAA',
            providerOptions: { hub: { detail: 'low' } },
          },
          { type: 'file', mediaType: 'image/webp', data: new URL('https://example.com/cat.webp') },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Seen.' }] },
    ]);
    expect(messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi', name: 'ada' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          // "some image" with unknown bytes is sent as JPEG, the type providers accept everywhere
          { type: 'image', source: { type: 'base64', data: 'AAAA', mediaType: 'image/jpeg' }, detail: 'low' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.webp' } },
        ],
      },
      { role: 'assistant', content: 'Seen.' },
    ]);
  });

  it('maps every tool output form to text, flagging errors', () => {
    const { messages } = convert([
      {
        role: 'assistant',
        content: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({
          type: 'tool-call' as const,
          toolCallId: id,
          toolName: 'lookup',
          input: {},
        })),
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'a',
            toolName: 'lookup',
            output: { type: 'text', value: 'plain' },
          },
          {
            type: 'tool-result',
            toolCallId: 'b',
            toolName: 'lookup',
            output: { type: 'json', value: { n: 1 } },
          },
          {
            type: 'tool-result',
            toolCallId: 'c',
            toolName: 'lookup',
            output: { type: 'error-text', value: 'boom' },
          },
          {
            type: 'tool-result',
            toolCallId: 'd',
            toolName: 'lookup',
            output: { type: 'error-json', value: { e: 1 } },
          },
          {
            type: 'tool-result',
            toolCallId: 'e',
            toolName: 'lookup',
            output: { type: 'execution-denied', reason: 'No.' },
          },
          {
            type: 'tool-result',
            toolCallId: 'f',
            toolName: 'lookup',
            output: {
              type: 'content',
              value: [
                { type: 'text', text: 'one' },
                { type: 'text', text: 'two' },
              ],
            },
          },
        ],
      },
    ]);
    expect(messages.slice(1)).toEqual([
      { role: 'tool', toolCallId: 'a', content: 'plain' },
      { role: 'tool', toolCallId: 'b', content: '{"n":1}' },
      { role: 'tool', toolCallId: 'c', content: 'boom', isError: true },
      { role: 'tool', toolCallId: 'd', content: '{"e":1}', isError: true },
      { role: 'tool', toolCallId: 'e', content: 'No.' },
      {
        role: 'tool',
        toolCallId: 'f',
        content: [
          { type: 'text', text: 'one' },
          { type: 'text', text: 'two' },
        ],
      },
    ]);
    expect(messages[0]?.role === 'assistant' && messages[0].toolCalls?.[0]).toEqual({
      id: 'a',
      name: 'lookup',
      arguments: '{}',
    });
  });

  it('leaves tool-approval responses out with a warning', () => {
    const { messages, warnings } = convert([
      callTurn('a'),
      {
        role: 'tool',
        content: [
          { type: 'tool-approval-response', approvalId: 'ap-1', approved: true },
          { type: 'tool-result', toolCallId: 'a', toolName: 'lookup', output: { type: 'text', value: 'ok' } },
        ],
      },
    ]);
    expect(messages).toHaveLength(2);
    expect(warnings).toEqual([{ type: 'other', message: expect.stringContaining('prompt.1.content.0') }]);
  });

  it.each([
    [
      'a non-image file',
      [{ role: 'user', content: [{ type: 'file', mediaType: 'application/pdf', data: 'AAAA' }] }],
      'prompt.0.content.0',
    ],
    [
      'an image URL of another scheme',
      [
        {
          role: 'user',
          content: [{ type: 'file', mediaType: 'image/png', data: new URL('gs://bucket/a.png') }],
        },
      ],
      'prompt.0.content.0.data',
    ],
    [
      'a file in an assistant turn',
      [{ role: 'assistant', content: [{ type: 'file', mediaType: 'image/png', data: 'AAAA' }] }],
      'prompt.0.content.0',
    ],
    [
      'a provider-executed tool call',
      [
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'x', toolName: 'web', input: {}, providerExecuted: true },
          ],
        },
      ],
      'prompt.0.content.0',
    ],
    [
      'an image in a tool result',
      [
        callTurn('a'),
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'a',
              toolName: 'lookup',
              output: {
                type: 'content',
                value: [{ type: 'image-data', data: 'AAAA', mediaType: 'image/png' }],
              },
            },
          ],
        },
      ],
      'prompt.1.content.0.output.value.0',
    ],
  ] as const)('rejects %s, naming the part', (_case, prompt, field) => {
    const error = failure(prompt as unknown as LanguageModelV3Prompt);
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });
});
