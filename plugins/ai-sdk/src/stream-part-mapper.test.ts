import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { StreamChunk } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { StreamPartMapper } from './stream-part-mapper.js';

function map(chunks: readonly StreamChunk[]): LanguageModelV3StreamPart[] {
  const mapper = new StreamPartMapper();
  const parts: LanguageModelV3StreamPart[] = [];
  for (const chunk of chunks) mapper.push(chunk, parts);
  return parts;
}

const finish: StreamChunk = { type: 'finish', finishReason: 'stop' };

describe('StreamPartMapper', () => {
  it('brackets a text run with text-start and text-end and skips empty deltas', () => {
    expect(
      map([
        { type: 'text-delta', text: '' },
        { type: 'text-delta', text: 'Hel' },
        { type: 'text-delta', text: 'lo' },
        finish,
      ]),
    ).toEqual([
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'Hel' },
      { type: 'text-delta', id: 'text-0', delta: 'lo' },
      { type: 'text-end', id: 'text-0' },
      expect.objectContaining({ type: 'finish' }),
    ]);
  });

  it('ends a reasoning block at its signature, carrying signature, item id and redacted flag', () => {
    const parts = map([
      { type: 'reasoning-delta', text: 'Think', id: 'rs_1' },
      { type: 'reasoning-delta', text: '', signature: 'sig-1' },
      { type: 'reasoning-delta', text: '', signature: 'opaque', redacted: true },
      { type: 'text-delta', text: 'Answer' },
      finish,
    ]);
    expect(parts.slice(0, 6)).toEqual([
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'Think' },
      {
        type: 'reasoning-end',
        id: 'reasoning-0',
        providerMetadata: { hub: { signature: 'sig-1', id: 'rs_1' } },
      },
      { type: 'reasoning-start', id: 'reasoning-1' },
      {
        type: 'reasoning-end',
        id: 'reasoning-1',
        providerMetadata: { hub: { signature: 'opaque', redacted: true } },
      },
      { type: 'text-start', id: 'text-2' },
    ]);
  });

  it('starts a new reasoning block when the item id changes, and ends reasoning when text starts', () => {
    const types = map([
      { type: 'reasoning-delta', text: 'a', id: 'rs_1' },
      { type: 'reasoning-delta', text: 'b', id: 'rs_2' },
      { type: 'text-delta', text: 'c' },
      { type: 'reasoning-delta', text: 'd' },
      finish,
    ]).map((part) => `${part.type}${'id' in part ? `:${part.id}` : ''}`);
    expect(types).toEqual([
      'reasoning-start:reasoning-0',
      'reasoning-delta:reasoning-0',
      'reasoning-end:reasoning-0',
      'reasoning-start:reasoning-1',
      'reasoning-delta:reasoning-1',
      'reasoning-end:reasoning-1',
      'text-start:text-2',
      'text-delta:text-2',
      'text-end:text-2',
      'reasoning-start:reasoning-3',
      'reasoning-delta:reasoning-3',
      'reasoning-end:reasoning-3',
      'finish',
    ]);
  });

  it('streams tool input per call and emits each complete call at finish, in start order', () => {
    const parts = map([
      { type: 'text-delta', text: 'Checking.' },
      { type: 'tool-call-delta', index: 0, id: 'call_a', name: 'weather', argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 1, id: 'call_b', name: 'time', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Oslo"}' },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
    expect(parts.slice(0, -1)).toEqual([
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'Checking.' },
      { type: 'text-end', id: 'text-0' },
      { type: 'tool-input-start', id: 'call_a', toolName: 'weather' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"city":' },
      { type: 'tool-input-start', id: 'call_b', toolName: 'time' },
      { type: 'tool-input-delta', id: 'call_a', delta: '"Oslo"}' },
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'weather', input: '{"city":"Oslo"}' },
      { type: 'tool-input-end', id: 'call_b' },
      // a call without arguments has an empty object as input
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'time', input: '{}' },
    ]);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    });
  });

  it('waits for the tool name before starting its input, and generates a missing call id', () => {
    const parts = map([
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":' },
      { type: 'tool-call-delta', index: 0, name: 'lookup', argumentsDelta: '1}', signature: 'tsig' },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
    const start = parts[0] as Extract<LanguageModelV3StreamPart, { type: 'tool-input-start' }>;
    expect(start).toMatchObject({ type: 'tool-input-start', toolName: 'lookup' });
    expect(start.id).toMatch(/^hub-call-/);
    expect(parts[1]).toEqual({ type: 'tool-input-delta', id: start.id, delta: '{"a":1}' });
    expect(parts[3]).toEqual({
      type: 'tool-call',
      toolCallId: start.id,
      toolName: 'lookup',
      input: '{"a":1}',
      providerMetadata: { hub: { signature: 'tsig' } },
    });
  });

  it('finishes with response metadata, the usage reported before the end, and hub metadata', () => {
    const parts = map([
      { type: 'text-delta', text: 'x' },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 2, totalTokens: 12 } },
      { type: 'finish', finishReason: 'length', responseId: 'resp-9', model: 'model-a', refusal: 'no' },
      { type: 'text-delta', text: 'after finish' },
    ]);
    expect(parts.slice(-2)).toEqual([
      { type: 'response-metadata', id: 'resp-9', modelId: 'model-a' },
      {
        type: 'finish',
        finishReason: { unified: 'length', raw: 'length' },
        usage: {
          inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 2, text: 2, reasoning: undefined },
          raw: { inputTokens: 10, outputTokens: 2, totalTokens: 12 },
        },
        providerMetadata: { hub: { model: 'model-a', responseId: 'resp-9', refusal: 'no' } },
      },
    ]);
  });

  it('reports unknown usage as undefined figures, never zeros', () => {
    const last = map([finish]).at(-1);
    expect(last).toMatchObject({
      type: 'finish',
      usage: {
        inputTokens: { total: undefined, noCache: undefined },
        outputTokens: { total: undefined, text: undefined },
      },
    });
  });
});
