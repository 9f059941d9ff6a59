import { describe, expect, it } from 'vitest';
import { parseToolArguments } from './parse-tool-arguments.js';

describe('parseToolArguments', () => {
  it('parses an object and reads an empty string as no arguments', () => {
    expect(parseToolArguments('{"city":"Paris"}', 'messages.1.toolCalls.0.arguments', 'p')).toEqual({
      city: 'Paris',
    });
    expect(parseToolArguments('  ', 'f', 'p')).toEqual({});
  });

  it.each(['{not json', '[1,2]', '"text"', 'null'])(
    'rejects %s as invalid_request naming the field',
    (text) => {
      expect(() => parseToolArguments(text, 'messages.1.toolCalls.0.arguments', 'anthropic')).toThrow(
        expect.objectContaining({
          code: 'invalid_request',
          field: 'messages.1.toolCalls.0.arguments',
          providerId: 'anthropic',
        }),
      );
    },
  );
});

describe('parseToolArguments depth', () => {
  it('rejects arguments nested 10,000 levels deep as invalid_request naming the field, without overflowing', () => {
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(() => parseToolArguments(deep, 'messages.3.toolCalls.0.arguments', 'aws-bedrock')).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        field: 'messages.3.toolCalls.0.arguments',
        providerId: 'aws-bedrock',
      }),
    );
  });
});
