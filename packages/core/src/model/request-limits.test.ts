import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import type { CompletionRequest } from './completion-request.js';
import type { Message } from './message.js';
import { DEFAULT_REQUEST_LIMITS } from './request-limits.js';
import { validateRequest } from './validate-request.js';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = { inner: value };
  return value;
};

const rejection = (request: unknown, limits = DEFAULT_REQUEST_LIMITS): ConnectorError => {
  try {
    validateRequest(request as CompletionRequest, limits);
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the request was accepted');
};

const user = (content: Message['content']): Message => ({ role: 'user', content }) as Message;

describe('request limits', () => {
  it('rejects more messages than maxMessages with 413 naming the limit', () => {
    const messages = Array.from({ length: DEFAULT_REQUEST_LIMITS.maxMessages + 1 }, () => user('hi'));
    const error = rejection({ model: 'p/m', messages });
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(413);
    expect(error.field).toBe('messages');
    expect(error.message).toContain('maxMessages');
  });

  it('accepts exactly maxMessages messages', () => {
    const messages = Array.from({ length: DEFAULT_REQUEST_LIMITS.maxMessages }, () => user('hi'));
    expect(() => validateRequest({ model: 'p/m', messages })).not.toThrow();
  });

  it('honours custom limits for parts and tools', () => {
    const limits = { ...DEFAULT_REQUEST_LIMITS, maxContentParts: 2, maxTools: 1 };
    const parts = [1, 2, 3].map(() => ({ type: 'text' as const, text: 'x' }));
    expect(rejection({ model: 'p/m', messages: [user(parts)] }, limits).field).toBe('messages.0.content');
    const tool = { name: 'a', parameters: { type: 'object' } };
    const tools = rejection(
      { model: 'p/m', messages: [user('x')], tools: [tool, { ...tool, name: 'b' }] },
      limits,
    );
    expect([tools.field, tools.status]).toEqual(['tools', 413]);
  });

  it.each([
    [
      'tools.0.parameters',
      (value: unknown) => ({ tools: [{ name: 'f', parameters: { type: 'object', x: value } }] }),
    ],
    [
      'responseFormat.schema',
      (value: unknown) => ({ responseFormat: { type: 'json_schema', name: 'o', schema: { x: value } } }),
    ],
    ['providerParams.openai', (value: unknown) => ({ providerParams: { openai: { x: value } } })],
  ])('rejects a 10,000-level value in %s with 400 naming the field', (field, build) => {
    const error = rejection({ model: 'p/m', messages: [user('x')], ...build(nested(10_000)) });
    expect([error.code, error.field, error.status]).toEqual(['invalid_request', field, undefined]);
    expect(error.message).toContain('maxJsonDepth');
  });

  it('rejects tool call arguments nested too deep, ignoring brackets inside strings', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const call = (args: string): unknown => ({
      model: 'p/m',
      messages: [
        user('x'),
        { role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 'f', arguments: args }] },
        { role: 'tool', toolCallId: 'c', content: 'ok' },
      ],
    });
    expect(rejection(call(deep)).field).toBe('messages.1.toolCalls.0.arguments');
    const quoted = JSON.stringify({ text: '['.repeat(10_000) });
    expect(() => validateRequest(call(quoted) as CompletionRequest)).not.toThrow();
  });

  it('accepts values exactly at maxJsonDepth', () => {
    // the tool's parameters object is level 1, so 63 nested objects inside reach exactly 64
    const parameters = { type: 'object', x: nested(DEFAULT_REQUEST_LIMITS.maxJsonDepth - 1) };
    expect(() =>
      validateRequest({ model: 'p/m', messages: [user('x')], tools: [{ name: 'f', parameters }] }),
    ).not.toThrow();
    const tooDeep = { type: 'object', x: nested(DEFAULT_REQUEST_LIMITS.maxJsonDepth) };
    expect(
      rejection({ model: 'p/m', messages: [user('x')], tools: [{ name: 'f', parameters: tooDeep }] }).field,
    ).toBe('tools.0.parameters');
  });
});
