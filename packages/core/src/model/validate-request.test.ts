import { describe, expect, it } from 'vitest';
import type { ConnectorError } from '../errors/connector-error.js';
import type { CompletionRequest } from './completion-request.js';
import { validateRequest } from './validate-request.js';

const base: CompletionRequest = { model: 'p/m', messages: [{ role: 'user', content: 'hi' }] };

function fieldOf(request: unknown): string | undefined {
  try {
    validateRequest(request as CompletionRequest);
  } catch (error) {
    expect((error as ConnectorError).code).toBe('invalid_request');
    return (error as ConnectorError).field;
  }
  return undefined;
}

describe('validateRequest', () => {
  it('accepts a full, well-formed request', () => {
    expect(
      fieldOf({
        ...base,
        messages: [
          { role: 'system', content: 'be brief' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'look' },
              { type: 'image', source: { type: 'base64', data: 'aGk=', mediaType: 'image/png' } },
            ],
          },
          { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'f', arguments: '{}' }] },
          { role: 'tool', toolCallId: 'c1', content: 'result' },
          { role: 'user', content: 'thanks' },
        ],
        temperature: 0,
        topP: 1,
        maxTokens: 10,
        stop: ['END'],
        seed: 7,
        tools: [{ name: 'f', parameters: { type: 'object', properties: {} } }],
        toolChoice: { type: 'tool', name: 'f' },
        responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' } },
        metadata: { tenant: 't1' },
        providerParams: { openai: { logprobs: true } },
      }),
    ).toBeUndefined();
  });

  it.each([
    [{ ...base, model: '' }, 'model'],
    [{ ...base, messages: [] }, 'messages'],
    [{ ...base, messages: [{ role: 'robot', content: 'x' }] }, 'messages.0.role'],
    [{ ...base, messages: [{ role: 'user', content: [{ type: 'video' }] }] }, 'messages.0.content.0.type'],
    [
      {
        ...base,
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'ftp://x' } }] }],
      },
      'messages.0.content.0.source.url',
    ],
    [{ ...base, messages: [{ role: 'tool', toolCallId: 'nope', content: 'x' }] }, 'messages.0.toolCallId'],
    [
      {
        ...base,
        messages: [
          { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'f', arguments: '{}' }] },
          { role: 'user', content: 'x' },
        ],
      },
      'messages.1',
    ],
    [{ ...base, temperature: 2.5 }, 'temperature'],
    [{ ...base, topP: 0 }, 'topP'],
    [{ ...base, maxTokens: 1.5 }, 'maxTokens'],
    [{ ...base, seed: 0.5 }, 'seed'],
    [{ ...base, stop: Array.from({ length: 17 }, () => 'x') }, 'stop'],
    [{ ...base, tools: [{ name: 'bad name', parameters: { type: 'object' } }] }, 'tools.0.name'],
    [{ ...base, tools: [{ name: 'f', parameters: { type: 'string' } }] }, 'tools.0.parameters'],
    [{ ...base, toolChoice: 'required' }, 'toolChoice'],
    [
      {
        ...base,
        tools: [{ name: 'f', parameters: { type: 'object' } }],
        toolChoice: { type: 'tool', name: 'g' },
      },
      'toolChoice.name',
    ],
    [{ ...base, responseFormat: { type: 'json_schema', name: 'x' } }, 'responseFormat.schema'],
    [{ ...base, metadata: { n: 1 } }, 'metadata.n'],
    [{ ...base, reasoning: { budgetTokens: -1 } }, 'reasoning.budgetTokens'],
  ])('names the offending field %#', (request, field) => {
    expect(fieldOf(request)).toBe(field);
  });
});
