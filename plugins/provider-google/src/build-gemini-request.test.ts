import { type CompletionRequest, ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { buildGeminiRequest } from './build-gemini-request.js';

const base: CompletionRequest = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] };

// 10,000 levels: JSON.stringify and the recursive schema conversion overflow the stack long before
function deep(): Record<string, unknown> {
  let value: Record<string, unknown> = { type: 'string' };
  for (let level = 0; level < 10_000; level++) value = { type: 'object', properties: { next: value } };
  return value;
}

function rejectedField(
  request: CompletionRequest,
  schemaFormat: 'json-schema' | 'openapi',
): string | undefined {
  try {
    buildGeminiRequest(request, { providerId: 'google-vertex', schemaFormat });
  } catch (error) {
    expect(ConnectorError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_request', providerId: 'google-vertex' });
    return (error as ConnectorError).field;
  }
  throw new Error('expected invalid_request');
}

describe('buildGeminiRequest depth', () => {
  const deepArguments = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const toolTurn = (result: string, callArguments = '{}'): Partial<CompletionRequest> => ({
    messages: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: '', toolCalls: [{ id: 't1', name: 'f', arguments: callArguments }] },
      { role: 'tool', toolCallId: 't1', content: result },
    ],
  });

  it.each([
    [
      'tools.1.parameters',
      {
        tools: [
          { name: 'ok', parameters: {} },
          { name: 'deep', parameters: deep() },
        ],
      },
    ],
    ['responseFormat.schema', { responseFormat: { type: 'json_schema', name: 'r', schema: deep() } }],
    ['providerParams.google-vertex', { providerParams: { 'google-vertex': { generationConfig: deep() } } }],
    ['messages.1.toolCalls.0.arguments', toolTurn('ok', deepArguments)],
    ['messages.2.content', toolTurn(deepArguments)],
  ] as const)(
    'rejects a 10,000-level %s as invalid_request naming it, in both schema formats',
    (field, overrides) => {
      const request = { ...base, ...overrides } as unknown as CompletionRequest;
      expect(rejectedField(request, 'json-schema')).toBe(field);
      expect(rejectedField(request, 'openapi')).toBe(field);
    },
  );
});
