import type { CompletionRequest, ToolDefinition } from '@hub/core';
import { lastUserText } from './last-user-text.js';

/**
 * The tools the mock calls for a request, in the order of `request.tools` — the rule a newcomer
 * can rely on:
 *
 * 1. no tools, `toolChoice: 'none'`, or the conversation ends with tool results: none (the mock
 *    answers the results with text, so a tool loop always ends);
 * 2. `toolChoice: { type: 'tool', name }`: that tool;
 * 3. otherwise every tool whose name the last user message mentions as a whole word
 *    ("call get_weather for Paris");
 * 4. none mentioned: the first tool when `toolChoice` is `required` (or `forceOne` is set, as the
 *    `mock-tools` scenario does), else none.
 *
 * `parallelToolCalls: false` keeps only the first. Linear in the last message's length times the
 * number of tools.
 */
export function chooseToolCalls(request: CompletionRequest, forceOne = false): ToolDefinition[] {
  const tools = request.tools ?? [];
  const choice = request.toolChoice;
  if (tools.length === 0 || choice === 'none' || request.messages.at(-1)?.role === 'tool') return [];
  if (typeof choice === 'object') {
    const named = tools.find((tool) => tool.name === choice.name);
    return named === undefined ? [] : [named];
  }
  const words = new Set((lastUserText(request) ?? '').split(/[^A-Za-z0-9_-]+/));
  const mentioned = tools.filter((tool) => words.has(tool.name));
  const chosen =
    mentioned.length > 0 ? mentioned : choice === 'required' || forceOne ? [tools[0] as ToolDefinition] : [];
  return request.parallelToolCalls === false ? chosen.slice(0, 1) : chosen;
}
