import type { CompletionRequest } from '@hub/core';
import { chooseToolCalls } from './choose-tool-calls.js';
import { fillFromSchema } from './fill-from-schema.js';
import { lastUserText } from './last-user-text.js';
import type { MockStep } from './mock-script.js';

/** Options of `defaultReply`. */
export interface DefaultReplyOptions {
  /** Call the first tool when tools are given and none is mentioned (the `mock-tools` scenario). */
  readonly forceToolCall?: boolean;
}

/**
 * What the mock answers when neither the script nor a scenario does, in this order:
 *
 * 1. the conversation ends with tool results: text repeating them
 *    (`The tool get_weather returned: {"temp":21}`), so a tool loop ends;
 * 2. tools to call by `chooseToolCalls` (a required or named tool, or tools the last user message
 *    mentions): one call each, arguments filled from the tool's JSON schema (`fillFromSchema`);
 * 3. `responseFormat` `json_schema`: the schema filled, as JSON text; `json`:
 *    `{"echo":"<last user message>"}`;
 * 4. otherwise `Echo: <last user message>`.
 */
export function defaultReply(request: CompletionRequest, options: DefaultReplyOptions = {}): MockStep {
  const results = trailingToolResults(request);
  if (results !== undefined) return { type: 'text', text: results };
  const tools = chooseToolCalls(request, options.forceToolCall === true);
  if (tools.length > 0) {
    return {
      type: 'tool-calls',
      // depth and size of the filled value are bounded by fillFromSchema
      calls: tools.map((tool) => ({
        name: tool.name,
        arguments: JSON.stringify(fillFromSchema(tool.parameters)),
      })),
    };
  }
  const format = request.responseFormat;
  if (format?.type === 'json_schema')
    return { type: 'text', text: JSON.stringify(fillFromSchema(format.schema)) };
  if (format?.type === 'json')
    return { type: 'text', text: JSON.stringify({ echo: lastUserText(request) ?? '' }) };
  return { type: 'text', text: `Echo: ${lastUserText(request) ?? 'Hello from the mock provider.'}` };
}

/** The tool results that end the conversation, as one sentence; undefined when it ends otherwise. */
function trailingToolResults(request: CompletionRequest): string | undefined {
  const messages = request.messages;
  let first = messages.length;
  while (first > 0 && messages[first - 1]?.role === 'tool') first--;
  if (first === messages.length) return undefined;
  // the assistant turn before the results names the tools by call id
  const names = new Map<string, string>();
  const previous = messages[first - 1];
  if (previous?.role === 'assistant')
    for (const call of previous.toolCalls ?? []) names.set(call.id, call.name);
  const sentences: string[] = [];
  for (let index = first; index < messages.length; index++) {
    const message = messages[index];
    if (message?.role !== 'tool') continue;
    const content =
      typeof message.content === 'string'
        ? message.content
        : message.content.map((part) => part.text).join('');
    sentences.push(`The tool ${names.get(message.toolCallId) ?? message.toolCallId} returned: ${content}`);
  }
  return sentences.join('\n');
}
