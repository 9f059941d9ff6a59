import type {
  LanguageModelV3FilePart,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3ToolResultOutput,
  SharedV3Warning,
} from '@ai-sdk/provider';
import type {
  AssistantMessage,
  ImagePart,
  Message,
  ReasoningPart,
  TextPart,
  ToolCall,
  ToolMessage,
  UserMessage,
} from '@hub/core';
import { hubPartOptions, stringOrUndefined } from './internal/hub-part-options.js';
import { invalidArgument } from './internal/invalid-argument.js';

/**
 * Converts an AI SDK prompt to the hub's messages, one pass, in order.
 *
 * - user: text and images (files whose media type is `image/*`: bytes, base64 or an http(s) /
 *   `data:` URL); `providerOptions.hub.name` names the participant, `providerOptions.hub.detail`
 *   on an image part sets its detail hint;
 * - assistant: text, reasoning (with `providerOptions.hub.signature`, `.id` and `.redacted` as
 *   this provider wrote them into `providerMetadata.hub` on the turn that produced them) and tool
 *   calls (`providerOptions.hub.signature` likewise);
 * - tool: one hub tool message per result; JSON outputs are sent as JSON text, error outputs set
 *   `isError`.
 *
 * Tool-approval responses (only ever sent for provider-executed tools, which the hub has none of)
 * are left out with a warning pushed to `warnings`.
 *
 * @throws ConnectorError `invalid_request` naming the part (`prompt.1.content.0`) for content the
 * hub's unified model cannot carry: non-image files, files in assistant turns, provider-executed
 * tool calls and results, media in tool results.
 */
export function convertToHubMessages(prompt: LanguageModelV3Prompt, warnings: SharedV3Warning[]): Message[] {
  const messages: Message[] = [];
  prompt.forEach((message, index) => {
    const field = `prompt.${index}`;
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: message.content });
        break;
      case 'user':
        messages.push(convertUser(message, field));
        break;
      case 'assistant':
        messages.push(convertAssistant(message, field));
        break;
      case 'tool':
        convertTool(message, field, messages, warnings);
        break;
    }
  });
  return messages;
}

function convertUser(message: Extract<LanguageModelV3Message, { role: 'user' }>, field: string): UserMessage {
  const parts: (TextPart | ImagePart)[] = [];
  message.content.forEach((part, index) => {
    if (part.type === 'text') parts.push({ type: 'text', text: part.text });
    else parts.push(convertImage(part, `${field}.content.${index}`));
  });
  const name = stringOrUndefined(hubPartOptions(message.providerOptions).name);
  const only = parts.length === 1 ? parts[0] : undefined;
  // a lone text part is sent as a plain string, the form every provider maps most directly
  const content = only?.type === 'text' ? only.text : parts;
  return { role: 'user', content, ...(name !== undefined && { name }) };
}

function convertImage(part: LanguageModelV3FilePart, field: string): ImagePart {
  if (!part.mediaType.startsWith('image/')) {
    throw invalidArgument(
      field,
      `is a file of type ${part.mediaType}; the hub carries images only (image/*) in user messages`,
    );
  }
  const detail = hubPartOptions(part.providerOptions).detail;
  const hint: Pick<ImagePart, 'detail'> =
    detail === 'auto' || detail === 'low' || detail === 'high' ? { detail } : {};
  const data = part.data;
  if (data instanceof URL) {
    if (!/^(https?|data):$/.test(data.protocol))
      throw invalidArgument(`${field}.data`, `must be an http(s) or data: URL (got ${data.protocol})`);
    return { type: 'image', source: { type: 'url', url: data.href }, ...hint };
  }
  // `image/*` means "some image": the AI SDK already sniffed the bytes and found no known signature
  const mediaType = part.mediaType === 'image/*' ? 'image/jpeg' : part.mediaType;
  const base64 =
    typeof data === 'string'
      ? data
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  return { type: 'image', source: { type: 'base64', data: base64, mediaType }, ...hint };
}

function convertAssistant(
  message: Extract<LanguageModelV3Message, { role: 'assistant' }>,
  field: string,
): AssistantMessage {
  const content: (TextPart | ReasoningPart)[] = [];
  const toolCalls: ToolCall[] = [];
  message.content.forEach((part, index) => {
    const partField = `${field}.content.${index}`;
    switch (part.type) {
      case 'text':
        content.push({ type: 'text', text: part.text });
        break;
      case 'reasoning': {
        const options = hubPartOptions(part.providerOptions);
        const signature = stringOrUndefined(options.signature);
        const id = stringOrUndefined(options.id);
        content.push({
          type: 'reasoning',
          text: part.text,
          ...(signature !== undefined && { signature }),
          ...(options.redacted === true && { redacted: true }),
          ...(id !== undefined && { id }),
        });
        break;
      }
      case 'tool-call': {
        if (part.providerExecuted === true)
          throw invalidArgument(partField, 'is a provider-executed tool call, which the hub cannot replay');
        const signature = stringOrUndefined(hubPartOptions(part.providerOptions).signature);
        toolCalls.push({
          id: part.toolCallId,
          name: part.toolName,
          // the prompt holds the parsed input; the hub carries the JSON text
          arguments: JSON.stringify(part.input ?? {}),
          ...(signature !== undefined && { signature }),
        });
        break;
      }
      case 'tool-result':
        throw invalidArgument(partField, 'is a provider-executed tool result, which the hub cannot replay');
      case 'file':
        throw invalidArgument(partField, 'is a file in an assistant turn, which the hub cannot carry');
    }
  });
  const only = content.length === 1 ? content[0] : undefined;
  return {
    role: 'assistant',
    content: content.length === 0 ? '' : only?.type === 'text' ? only.text : content,
    ...(toolCalls.length > 0 && { toolCalls }),
  };
}

function convertTool(
  message: Extract<LanguageModelV3Message, { role: 'tool' }>,
  field: string,
  messages: Message[],
  warnings: SharedV3Warning[],
): void {
  message.content.forEach((part, index) => {
    if (part.type === 'tool-approval-response') {
      warnings.push({
        type: 'other',
        message: `${field}.content.${index}: a tool-approval response was left out (the hub has no provider-executed tools).`,
      });
      return;
    }
    const { content, isError } = convertToolOutput(part.output, `${field}.content.${index}.output`);
    const toolMessage: ToolMessage = {
      role: 'tool',
      toolCallId: part.toolCallId,
      content,
      ...(isError && { isError: true }),
    };
    messages.push(toolMessage);
  });
}

function convertToolOutput(
  output: LanguageModelV3ToolResultOutput,
  field: string,
): { content: string | TextPart[]; isError: boolean } {
  switch (output.type) {
    case 'text':
      return { content: output.value, isError: false };
    case 'json':
      return { content: JSON.stringify(output.value), isError: false };
    case 'error-text':
      return { content: output.value, isError: true };
    case 'error-json':
      return { content: JSON.stringify(output.value), isError: true };
    case 'execution-denied':
      return { content: output.reason ?? 'Tool execution denied.', isError: false };
    case 'content': {
      const parts: TextPart[] = [];
      output.value.forEach((item, index) => {
        if (item.type !== 'text')
          throw invalidArgument(
            `${field}.value.${index}`,
            `is ${item.type}; hub tool results carry text only`,
          );
        parts.push({ type: 'text', text: item.text });
      });
      return { content: parts, isError: false };
    }
  }
}
