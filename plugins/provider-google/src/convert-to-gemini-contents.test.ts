import { ConnectorError, type Message } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';

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

describe('convertToGeminiContents', () => {
  it('lifts every system message into systemInstruction and maps assistant to model', () => {
    expect(
      convertToGeminiContents([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: [{ type: 'text', text: 'How are you?' }] },
      ]),
    ).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        { role: 'user', parts: [{ text: 'How are you?' }] },
      ],
    });
  });

  it('sends tool failures under error, JSON objects as they are, other values under result', () => {
    const { contents } = convertToGeminiContents([
      { role: 'user', content: 'Go' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'call_00000000000000a1', name: 'a', arguments: '{}' },
          { id: 'call_00000000000000b2', name: 'b', arguments: '' },
          { id: 'call_00000000000000c3', name: 'c', arguments: '{"x":1}' },
        ],
      },
      { role: 'tool', toolCallId: 'call_00000000000000a1', content: 'disk full', isError: true },
      { role: 'tool', toolCallId: 'call_00000000000000b2', content: [{ type: 'text', text: '[1,2]' }] },
      { role: 'tool', toolCallId: 'call_00000000000000c3', content: '{"ok":true}' },
      { role: 'user', content: 'Thanks' },
    ]);
    expect(contents[1]).toEqual({
      role: 'model',
      parts: [
        { functionCall: { name: 'a', args: {} } },
        { functionCall: { name: 'b', args: {} } },
        { functionCall: { name: 'c', args: { x: 1 } } },
      ],
    });
    expect(contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'a', response: { error: 'disk full' } } },
        { functionResponse: { name: 'b', response: { result: [1, 2] } } },
        { functionResponse: { name: 'c', response: { ok: true } } },
        { text: 'Thanks' },
      ],
    });
  });

  it('puts tool call signatures on their functionCall parts and drops redacted reasoning of other providers', () => {
    const { contents } = convertToGeminiContents([
      { role: 'user', content: 'Go' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'encrypted elsewhere', redacted: true },
          { type: 'reasoning', text: 'Thinking it over', signature: 'PART_SIG' },
        ],
        toolCalls: [
          { id: 'call_0000000000000001', name: 'signed', arguments: '{}', signature: 'CALL_SIG' },
          { id: 'fc_2', name: 'other', arguments: '{"a":1}' },
        ],
      },
    ]);
    expect(contents[1]?.parts).toEqual([
      { text: 'Thinking it over', thought: true, thoughtSignature: 'PART_SIG' },
      { functionCall: { name: 'signed', args: {} }, thoughtSignature: 'CALL_SIG' },
      { functionCall: { name: 'other', args: { a: 1 }, id: 'fc_2' } },
    ]);
  });

  it('puts the signature of an empty reasoning part on the text part before it', () => {
    const { contents } = convertToGeminiContents([
      { role: 'user', content: 'Go' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'First.' },
          { type: 'reasoning', text: '', signature: 'TEXT_SIG_1' },
          { type: 'text', text: 'Second.' },
          { type: 'reasoning', text: '', signature: 'TEXT_SIG_2' },
          // a second signature for the same text part has nowhere else to go
          { type: 'reasoning', text: '', signature: 'LONE_SIG' },
          { type: 'reasoning', text: '' },
        ],
      },
    ]);
    expect(contents[1]?.parts).toEqual([
      { text: 'First.', thoughtSignature: 'TEXT_SIG_1' },
      { text: 'Second.', thoughtSignature: 'TEXT_SIG_2' },
      { text: '', thoughtSignature: 'LONE_SIG' },
    ]);
  });

  it('rejects arguments that are not a JSON object and unknown tool call ids', () => {
    const badArguments = () =>
      convertToGeminiContents(
        [
          { role: 'user', content: 'Go' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'x', name: 'a', arguments: '[1]' }] },
        ],
        'google',
      );
    expect(badArguments).toThrow(ConnectorError);
    expect(badArguments).toThrow(/toolCalls\[0\]\.arguments/);
  });
});

describe('convertToGeminiContents work', () => {
  const MESSAGES = 3000;
  const users = (count: number): Message[] =>
    Array.from({ length: count }, (_, index) => ({ role: 'user' as const, content: `m${index}` }));

  it('merges a long run of one role into one turn in a single pass', () => {
    const { contents } = convertToGeminiContents(users(MESSAGES));
    expect(contents).toHaveLength(1);
    expect(contents[0]?.parts).toHaveLength(MESSAGES);
    expect(contents[0]?.parts[MESSAGES - 1]).toEqual({ text: `m${MESSAGES - 1}` });
    // copying the turn for every merged message took ~MESSAGES²/2 (4.5 million) steps here
    expect(conversionSteps(users(MESSAGES), convertToGeminiContents)).toBeLessThan(40 * MESSAGES);
  });

  it('does work proportional to the conversation, whatever its shape', () => {
    const mixed: Message[] = [];
    for (let index = 0; index < MESSAGES / 3; index++) {
      mixed.push(
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a', toolCalls: [{ id: `c${index}`, name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: `c${index}`, content: '{"ok":true}' },
      );
    }
    expect(conversionSteps(mixed, convertToGeminiContents)).toBeLessThan(40 * MESSAGES);
  });
});
