import type { CompletionRequest, ToolDefinition } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { chooseToolCalls } from './choose-tool-calls.js';

const tool = (name: string): ToolDefinition => ({ name, parameters: { type: 'object', properties: {} } });
const tools = [tool('get_weather'), tool('get_time'), tool('search')];
const ask = (content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'mock-1',
  messages: [{ role: 'user', content }],
  tools,
  ...extra,
});
const names = (chosen: readonly ToolDefinition[]): string[] => chosen.map((entry) => entry.name);

describe('chooseToolCalls', () => {
  it('calls nothing under auto unless the last user message names a tool as a whole word', () => {
    expect(chooseToolCalls(ask('What is the weather?'))).toEqual([]);
    expect(names(chooseToolCalls(ask('Use get_weather for Paris.')))).toEqual(['get_weather']);
    // "get_weathers" is not "get_weather"
    expect(chooseToolCalls(ask('Use get_weathers.'))).toEqual([]);
    // several named tools are called in the order of `tools`, once each
    expect(names(chooseToolCalls(ask('get_time then get_weather, then get_time again')))).toEqual([
      'get_weather',
      'get_time',
    ]);
  });

  it('calls the named or mentioned tool, else the first, when a tool is required', () => {
    expect(names(chooseToolCalls(ask('Hi', { toolChoice: 'required' })))).toEqual(['get_weather']);
    expect(names(chooseToolCalls(ask('call search', { toolChoice: 'required' })))).toEqual(['search']);
    expect(
      names(chooseToolCalls(ask('call search', { toolChoice: { type: 'tool', name: 'get_time' } }))),
    ).toEqual(['get_time']);
    expect(names(chooseToolCalls(ask('Hi'), true))).toEqual(['get_weather']);
  });

  it('calls nothing with toolChoice none, without tools, or once tool results arrived', () => {
    expect(chooseToolCalls(ask('Use get_weather', { toolChoice: 'none' }))).toEqual([]);
    expect(chooseToolCalls({ model: 'm', messages: [{ role: 'user', content: 'Use get_weather' }] })).toEqual(
      [],
    );
    const answered = ask('Use get_weather', { toolChoice: 'required' });
    expect(
      chooseToolCalls({
        ...answered,
        messages: [
          ...answered.messages,
          { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{}' }] },
          { role: 'tool', toolCallId: 'c1', content: 'sunny' },
        ],
      }),
    ).toEqual([]);
  });

  it('keeps only the first tool when parallel tool calls are off', () => {
    expect(names(chooseToolCalls(ask('get_weather and get_time', { parallelToolCalls: false })))).toEqual([
      'get_weather',
    ]);
  });
});
