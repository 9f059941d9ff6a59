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
