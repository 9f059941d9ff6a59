import {
  type AssistantMessage,
  ConnectorError,
  type ImagePart,
  type Message,
  type ToolMessage,
  type UserMessage,
} from '@hub/core';
import { parseToolArguments } from '@hub/provider-utils';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import type {
  BedrockContentBlock,
  BedrockImageBlock,
  BedrockImageFormat,
  BedrockMessage,
  BedrockTextBlock,
} from './bedrock-wire-types.js';

/** A unified conversation in Bedrock's shape: the lifted system prompt and alternating turns. */
export interface BedrockConversation {
  /** Every system message, in order; absent when there were none. */
  readonly system: BedrockTextBlock[] | undefined;
  readonly messages: BedrockMessage[];
}

const IMAGE_FORMATS: Readonly<Record<string, BedrockImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const DATA_URL = /^data:([^;,]+)(?:;[^;,]*)*;base64,(.*)$/s;

function invalid(field: string, problem: string): ConnectorError {
  return new ConnectorError('invalid_request', `${field} ${problem}.`, {
    field,
    providerId: BEDROCK_PROVIDER_ID,
  });
}

function imageBlock(part: ImagePart, field: string): BedrockImageBlock {
  let mediaType: string;
  let data: string;
  if (part.source.type === 'base64') {
    mediaType = part.source.mediaType;
    data = part.source.data;
  } else {
    const match = DATA_URL.exec(part.source.url);
    if (match === null) {
      // Bedrock fetches nothing itself: failing here, before any I/O, beats a 400 from AWS
      throw invalid(
        `${field}.source`,
        'is an image URL, which Bedrock cannot fetch; pass the image inline as base64 (or a base64 data: URL)',
      );
    }
    mediaType = match[1] as string;
    data = match[2] as string;
  }
  const format = IMAGE_FORMATS[mediaType.toLowerCase()];
  if (format === undefined) {
    throw invalid(
      `${field}.source.mediaType`,
      'must be image/png, image/jpeg, image/gif or image/webp for Bedrock',
    );
  }
  return { image: { format, source: { bytes: data } } };
}

function userBlocks(message: UserMessage, field: string): BedrockContentBlock[] {
  if (typeof message.content === 'string') return message.content === '' ? [] : [{ text: message.content }];
  const blocks: BedrockContentBlock[] = [];
  message.content.forEach((part, index) => {
    if (part.type === 'text') {
      // Bedrock rejects blank text blocks
      if (part.text !== '') blocks.push({ text: part.text });
    } else blocks.push(imageBlock(part, `${field}.content.${index}`));
  });
  return blocks;
}

function assistantBlocks(message: AssistantMessage, field: string): BedrockContentBlock[] {
  const blocks: BedrockContentBlock[] = [];
  if (typeof message.content === 'string') {
    if (message.content !== '') blocks.push({ text: message.content });
  } else {
    for (const part of message.content) {
      if (part.type === 'text') {
        if (part.text !== '') blocks.push({ text: part.text });
      } else if (part.redacted === true) {
        // encrypted reasoning travels in the signature field of the unified model
        if (part.signature !== undefined)
          blocks.push({ reasoningContent: { redactedContent: part.signature } });
      } else if (part.signature !== undefined) {
        blocks.push({ reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } });
      }
      // unsigned reasoning is dropped: models that check reasoning reject it without a signature
    }
  }
  message.toolCalls?.forEach((call, index) => {
    blocks.push({
      toolUse: {
        toolUseId: call.id,
        name: call.name,
        input: parseToolArguments(
          call.arguments,
          `${field}.toolCalls.${index}.arguments`,
          BEDROCK_PROVIDER_ID,
        ),
      },
    });
  });
  return blocks;
}

function toolResultBlock(message: ToolMessage): BedrockContentBlock {
  const text =
    typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join('');
  return {
    toolResult: {
      toolUseId: message.toolCallId,
      content: [{ text }],
      ...(message.isError === true && { status: 'error' as const }),
    },
  };
}

/**
 * Converts unified messages to Bedrock Converse messages, without I/O:
 *
 * - `system` messages, wherever they are, become the top-level `system` blocks, in order.
 * - Bedrock requires `user` and `assistant` turns to alternate, so consecutive messages of one
 *   role are merged into one turn. `tool` messages become `toolResult` blocks of a `user` turn
 *   (`status: 'error'` when `isError`), so several results form one turn and a user message right
 *   after them joins it.
 * - Images become `{ image: { format, source: { bytes } } }` (png, jpeg, gif, webp); base64 `data:`
 *   URLs are unpacked; http(s) URLs are rejected with `invalid_request`, since Bedrock fetches
 *   nothing.
 * - Assistant reasoning with a signature becomes `reasoningContent.reasoningText { text, signature }`,
 *   redacted reasoning `reasoningContent.redactedContent`; unsigned reasoning is dropped. Tool
 *   calls become `toolUse` blocks whose `input` is the parsed arguments object.
 * - Empty text is left out (Bedrock rejects blank text blocks), and so is a turn left empty.
 *
 * @throws ConnectorError `invalid_request` naming the field: an image URL, an unsupported image
 *   type, tool-call arguments that are not a JSON object.
 */
export function convertToBedrockMessages(messages: readonly Message[]): BedrockConversation {
  const system: BedrockTextBlock[] = [];
  const turns: BedrockMessage[] = [];
  const append = (role: BedrockMessage['role'], blocks: BedrockContentBlock[]): void => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role !== role) {
      turns.push({ role, content: blocks });
      return;
    }
    // one push per block: spreading a huge block list as arguments would overflow the stack
    for (let index = 0; index < blocks.length; index++)
      last.content.push(blocks[index] as BedrockContentBlock);
  };
  messages.forEach((message, index) => {
    const field = `messages.${index}`;
    switch (message.role) {
      case 'system':
        if (message.content !== '') system.push({ text: message.content });
        break;
      case 'user':
        append('user', userBlocks(message, field));
        break;
      case 'assistant':
        append('assistant', assistantBlocks(message, field));
        break;
      case 'tool':
        append('user', [toolResultBlock(message)]);
        break;
    }
  });
  return { system: system.length > 0 ? system : undefined, messages: turns };
}
