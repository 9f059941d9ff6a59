import {
  type CompletionRequest,
  ConnectorError,
  type ImagePart,
  type Message,
  type TextPart,
  type ToolCall,
  type ToolChoice,
  type ToolDefinition,
} from '@hub/core';
import { parseWithSchema } from '../wire/parse-with-schema.js';
import { type InputTokensBody, inputTokensBodySchema } from './input-tokens-body-schema.js';
import { openAIFieldPath } from './openai-field-path.js';

type Item = Exclude<NonNullable<InputTokensBody['input']>, string>[number];
type Content = Extract<Item, { type: 'message' }>['content'];

/**
 * Turns the body of `POST /v1/responses/input_tokens` (a Responses create body) into the unified
 * request to count. `instructions` becomes the first system message; `input` a user message (a
 * string) or, item by item: messages (`developer` and `system` as system messages), function
 * calls (the tool calls of the assistant turn they follow, or of a new one) and their outputs
 * (tool messages); reasoning items are skipped. Errors name the OpenAI parameter
 * (`input[2].content[0].text`).
 *
 * @throws ConnectorError `invalid_request` naming `param` (`input` when there is nothing to
 * count); 413 for a count bound.
 */
export function parseInputTokensRequest(body: unknown): CompletionRequest {
  const parsed = parseWithSchema(inputTokensBodySchema, body, openAIFieldPath);
  const messages: Message[] = [];
  if (typeof parsed.instructions === 'string' && parsed.instructions !== '')
    messages.push({ role: 'system', content: parsed.instructions });
  const input = parsed.input;
  if (typeof input === 'string') messages.push({ role: 'user', content: input });
  else if (input !== undefined && input !== null) appendItems(messages, input);
  if (messages.length === 0) {
    throw new ConnectorError('invalid_request', "Invalid request: 'input' is required (or 'instructions').", {
      field: 'input',
    });
  }
  const request: Record<string, unknown> = { model: parsed.model, messages };
  if (parsed.tools !== undefined && parsed.tools !== null && parsed.tools.length > 0)
    request.tools = parsed.tools.map(toToolDefinition);
  if (parsed.tool_choice !== undefined && parsed.tool_choice !== null)
    request.toolChoice = toToolChoice(parsed.tool_choice);
  if (typeof parsed.parallel_tool_calls === 'boolean') request.parallelToolCalls = parsed.parallel_tool_calls;
  return request as unknown as CompletionRequest;
}

function appendItems(messages: Message[], items: readonly Item[]): void {
  // the assistant turn that function calls attach to, while no other item came in between
  let calling: { content: string; toolCalls: ToolCall[] } | undefined;
  for (const item of items) {
    switch (item.type) {
      case 'message': {
        if (item.role === 'assistant') {
          calling = { content: textOf(item.content), toolCalls: [] };
          messages.push({ role: 'assistant', ...calling });
          break;
        }
        calling = undefined;
        if (item.role === 'user') messages.push({ role: 'user', content: userContent(item.content) });
        else messages.push({ role: 'system', content: textOf(item.content) });
        break;
      }
      case 'function_call': {
        const call = { id: item.call_id, name: item.name, arguments: item.arguments };
        if (calling === undefined) {
          calling = { content: '', toolCalls: [] };
          messages.push({ role: 'assistant', ...calling });
        }
        calling.toolCalls.push(call);
        break;
      }
      case 'function_call_output':
        calling = undefined;
        messages.push({
          role: 'tool',
          toolCallId: item.call_id,
          content:
            typeof item.output === 'string' ? item.output : item.output.map((part) => part.text).join(''),
        });
        break;
      case 'reasoning':
        break;
    }
  }
  // an assistant turn without calls carries no toolCalls field at all
  for (const [index, message] of messages.entries()) {
    if (message.role === 'assistant' && message.toolCalls?.length === 0)
      messages[index] = { role: 'assistant', content: message.content };
  }
}

function textOf(content: Content): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) => (part.type === 'refusal' ? part.refusal : part.type === 'input_image' ? '' : part.text))
    .join('');
}

function userContent(content: Content): string | (TextPart | ImagePart)[] {
  if (typeof content === 'string') return content;
  return content.map((part): TextPart | ImagePart => {
    if (part.type === 'input_image') {
      const match = /^data:([^;,]+);base64,/.exec(part.image_url);
      const source = match
        ? {
            type: 'base64' as const,
            mediaType: match[1] as string,
            data: part.image_url.slice(match[0].length),
          }
        : { type: 'url' as const, url: part.image_url };
      return {
        type: 'image',
        source,
        ...(part.detail !== undefined && part.detail !== null && { detail: part.detail }),
      };
    }
    return { type: 'text', text: part.type === 'refusal' ? part.refusal : part.text };
  });
}

function toToolDefinition(tool: NonNullable<InputTokensBody['tools']>[number]): ToolDefinition {
  return {
    name: tool.name,
    parameters: tool.parameters ?? { type: 'object', properties: {} },
    ...(typeof tool.description === 'string' && { description: tool.description }),
    ...(typeof tool.strict === 'boolean' && { strict: tool.strict }),
  };
}

function toToolChoice(choice: NonNullable<InputTokensBody['tool_choice']>): ToolChoice {
  return typeof choice === 'string' ? choice : { type: 'tool', name: choice.name };
}
