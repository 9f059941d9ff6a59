import type { CompletionRequest, Message } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { convertToOpenAIRequest, type OpenAIRequestOptions } from './convert-to-openai-request.js';

/**
 * Counts the work a synchronous conversion does without timing it: every read of an input
 * message and every step of an array iterator (spread, `for…of`, destructuring). A conversion
 * that copies what it built so far for each merged message takes steps quadratic in the number
 * of messages; a linear one takes a few per message. Deterministic on any machine.
 */
function conversionSteps(
  messages: readonly Message[],
  convert: (messages: readonly Message[]) => unknown,
): number {
  let steps = 0;
  const count = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        steps++;
        return Reflect.get(object, key, receiver);
      },
    });
  const input = count(messages.map((message) => count(message)));
  const iteratorPrototype = Object.getPrototypeOf([][Symbol.iterator]()) as { next: () => unknown };
  const next = iteratorPrototype.next;
  iteratorPrototype.next = function (this: unknown) {
    steps++;
    return next.call(this);
  };
  try {
    convert(input);
  } finally {
    iteratorPrototype.next = next;
  }
  return steps;
}

const OPTIONS: OpenAIRequestOptions = {
  model: 'gpt-4o',
  stream: false,
  reasoning: false,
  maxTokensField: 'max_tokens',
  streamUsage: true,
  strictSchemas: true,
  providerParams: undefined,
};

describe('convertToOpenAIRequest work', () => {
  const MESSAGES = 3000;
  const build = (messages: readonly Message[]) =>
    convertToOpenAIRequest({ model: 'gpt-4o', messages } as CompletionRequest, OPTIONS);

  it('maps each message once, whatever the conversation looks like', () => {
    const mixed: Message[] = [];
    for (let index = 0; index < MESSAGES / 3; index++) {
      mixed.push(
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        { role: 'assistant', content: 'a', toolCalls: [{ id: `c${index}`, name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: `c${index}`, content: 'ok' },
      );
    }
    expect(build(mixed).messages).toHaveLength(MESSAGES);
    expect(conversionSteps(mixed, build)).toBeLessThan(40 * MESSAGES);
  });
});

describe('convertToOpenAIRequest depth', () => {
  // 10,000 levels: JSON.stringify overflows the stack long before
  const deep = (): Record<string, unknown> => {
    let value: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 10_000; level++) value = { type: 'object', properties: { next: value } };
    return value;
  };
  const hello: Message[] = [{ role: 'user', content: 'hi' }];

  it.each([
    [
      'tools.1.parameters',
      {
        tools: [
          { name: 'ok', parameters: {} },
          { name: 'deep', parameters: deep() },
        ],
      },
      {},
    ],
    ['responseFormat.schema', { responseFormat: { type: 'json_schema', name: 'r', schema: deep() } }, {}],
    ['providerParams.groq', {}, { providerParams: { metadata: deep() } }],
  ] as const)('rejects a 10,000-level %s as invalid_request naming it', (field, overrides, options) => {
    let error: unknown;
    try {
      convertToOpenAIRequest({ model: 'm', messages: hello, ...overrides } as unknown as CompletionRequest, {
        ...OPTIONS,
        ...options,
        providerId: 'groq',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'invalid_request', field, providerId: 'groq' });
  });
});
