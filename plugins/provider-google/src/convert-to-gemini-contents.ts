import {
  type AssistantMessage,
  ConnectorError,
  type ImagePart,
  type Message,
  type TextPart,
  type ToolMessage,
} from '@hub/core';
import { assertNestingDepth, parseToolArguments } from '@hub/provider-utils';
import { isGeneratedGeminiCallId } from './gemini-call-id.js';
import type { GeminiContent, GeminiPart } from './gemini-wire-types.js';

/** A conversation in Gemini's shape. */
export interface GeminiConversation {
  readonly contents: GeminiContent[];
  /** All system messages, one text part each, in order; absent when there are none. */
  readonly systemInstruction?: GeminiContent;
}

// Image types Gemini reads, by file extension, for URLs sent as `fileData` (which wants a type)
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
};

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function imageTypeOf(url: string): string | undefined {
  let path = url;
  if (URL.canParse(url)) path = new URL(url).pathname;
  const dot = path.lastIndexOf('.');
  return dot === -1 ? undefined : IMAGE_TYPES[path.slice(dot + 1).toLowerCase()];
}

function imagePart(part: ImagePart): GeminiPart {
  const { source } = part;
  if (source.type === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  // a data: URL is inline bytes in disguise; Gemini cannot fetch it as a file
  const inline = DATA_URL.exec(source.url);
  if (inline !== null) return { inlineData: { mimeType: inline[1] as string, data: inline[2] as string } };
  const mimeType = imageTypeOf(source.url);
  return { fileData: { fileUri: source.url, ...(mimeType !== undefined && { mimeType }) } };
}

function userParts(content: string | readonly (TextPart | ImagePart)[]): GeminiPart[] {
  if (typeof content === 'string') return [{ text: content }];
  return content.map((part) => (part.type === 'text' ? { text: part.text } : imagePart(part)));
}

function textOf(content: string | readonly TextPart[]): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) text += part.text;
  return text;
}

/**
 * A tool result as Gemini's `functionResponse.response`, which must be a JSON object: a result
 * that is a JSON object is sent as it is (Gemini then reads the whole object as the output);
 * anything else, parsed when it is JSON, goes under `result`, or under `error` when the tool
 * failed (`output` / `error` being the keys Gemini documents).
 */
function functionResult(message: ToolMessage, index: number, providerId: string): Record<string, unknown> {
  const text = textOf(message.content);
  let value: unknown = text;
  const first = text.trimStart().charCodeAt(0);
  // only text that can start a JSON value is tried, so plain prose costs no exception
  if (
    first === 123 ||
    first === 91 ||
    first === 34 ||
    first === 45 ||
    (first >= 48 && first <= 57) ||
    first === 116 ||
    first === 102 ||
    first === 110
  ) {
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
    // JSON.parse does not recurse, but serializing the parsed value does
    assertNestingDepth(value, `messages.${index}.content`, providerId);
  }
  if (message.isError === true) return { error: value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  return { result: value };
}

function modelParts(message: AssistantMessage, index: number, providerId: string | undefined): GeminiPart[] {
  const parts: GeminiPart[] = [];
  if (typeof message.content === 'string') {
    if (message.content !== '') parts.push({ text: message.content });
  } else {
    for (const part of message.content) {
      if (part.type === 'text') {
        if (part.text !== '') parts.push({ text: part.text });
        continue;
      }
      // encrypted reasoning of another provider (Anthropic) means nothing to Gemini
      if (part.redacted === true) continue;
      const signature = part.signature;
      if (part.text !== '') {
        parts.push({
          text: part.text,
          thought: true,
          ...(signature !== undefined && { thoughtSignature: signature }),
        });
        continue;
      }
      if (signature === undefined) continue;
      // an empty signed reasoning part stands for the signature of the text part before it
      const previous = parts.at(-1);
      if (previous !== undefined && previous.thoughtSignature === undefined) {
        parts[parts.length - 1] = { ...previous, thoughtSignature: signature };
      } else {
        parts.push({ text: '', thoughtSignature: signature });
      }
    }
  }
  const calls = message.toolCalls ?? [];
  for (let callIndex = 0; callIndex < calls.length; callIndex++) {
    const call = calls[callIndex] as (typeof calls)[number];
    parts.push({
      functionCall: {
        name: call.name,
        args: parseToolArguments(
          call.arguments,
          `messages.${index}.toolCalls.${callIndex}.arguments`,
          providerId ?? 'google',
          `messages[${index}].toolCalls[${callIndex}].arguments`,
        ),
        ...(!isGeneratedGeminiCallId(call.id) && { id: call.id }),
      },
      ...(call.signature !== undefined && call.signature !== '' && { thoughtSignature: call.signature }),
    });
  }
  return parts;
}

// `parts` is always an array this module just built, so a turn may take it over and grow it
function append(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  // Gemini wants turns to alternate; parallel tool results must share one user turn. The turn
  // grows in place: copying it for every merged message made long runs of one role quadratic.
  if (last !== undefined && last.role === role) {
    const merged = last.parts as GeminiPart[];
    for (let index = 0; index < parts.length; index++) merged.push(parts[index] as GeminiPart);
    return;
  }
  contents.push({ role, parts });
}

/**
 * Converts unified messages to Gemini `contents` and `systemInstruction`:
 * - system messages (anywhere) → `systemInstruction.parts`, in order;
 * - user → `user` turn: text parts, base64 images as `inlineData`, image URLs as `fileData`
 *   (`data:` URLs as `inlineData`);
 * - assistant → `model` turn: text, reasoning as `thought: true` parts with their
 *   `thoughtSignature` (an empty signed reasoning part puts its signature on the text part before
 *   it, as `GeminiChunkMapper` produced it), then each tool call as a `functionCall` (arguments
 *   parsed to an object) with `ToolCall.signature` as its `thoughtSignature`;
 * - tool → `user` turn with a `functionResponse` named after the assistant tool call with that
 *   id (the latest one before it), its result as a JSON object (see README).
 * Consecutive turns of the same role are merged, so parallel tool results travel together.
 *
 * @param messages - The validated conversation.
 * @param providerId - Set on the errors thrown (`google` or `google-vertex`).
 * @throws ConnectorError `invalid_request` (with `field`) when a tool message answers an unknown
 *   tool call id, or tool call arguments are not a JSON object.
 */
export function convertToGeminiContents(
  messages: readonly Message[],
  providerId?: string,
): GeminiConversation {
  const contents: GeminiContent[] = [];
  const system: GeminiPart[] = [];
  const callNames = new Map<string, string>();
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as Message;
    switch (message.role) {
      case 'system':
        system.push({ text: message.content });
        break;
      case 'user':
        append(contents, 'user', userParts(message.content));
        break;
      case 'assistant':
        for (const call of message.toolCalls ?? []) callNames.set(call.id, call.name);
        append(contents, 'model', modelParts(message, index, providerId));
        break;
      case 'tool': {
        const name = callNames.get(message.toolCallId);
        if (name === undefined) {
          throw new ConnectorError(
            'invalid_request',
            `Invalid request: messages[${index}].toolCallId does not match a tool call of an earlier assistant message.`,
            { field: `messages.${index}.toolCallId`, ...(providerId !== undefined && { providerId }) },
          );
        }
        const id = message.toolCallId;
        append(contents, 'user', [
          {
            functionResponse: {
              name,
              response: functionResult(message, index, providerId ?? 'google'),
              ...(!isGeneratedGeminiCallId(id) && { id }),
            },
          },
        ]);
        break;
      }
    }
  }
  return { contents, ...(system.length > 0 && { systemInstruction: { parts: system } }) };
}
