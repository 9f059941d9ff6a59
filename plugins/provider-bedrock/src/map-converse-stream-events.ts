import { ConnectorError, type StreamChunk } from '@hub/core';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import type {
  BedrockErrorBody,
  BedrockTokenUsage,
  ContentBlockDeltaEvent,
  ContentBlockStartEvent,
  ConverseStreamMetadataEvent,
  MessageStopEvent,
} from './bedrock-wire-types.js';
import type { EventStreamMessage } from './event-stream-message.js';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';
import { mapBedrockStreamException } from './map-bedrock-stream-exception.js';
import { mapBedrockUsage } from './map-bedrock-usage.js';

/** What `mapConverseStreamEvents` needs besides the messages. */
export interface MapConverseStreamEventsOptions {
  /** The model the request asked for: Bedrock's events do not name it. */
  readonly model: string;
  /** The `x-amzn-requestid` response header, reported as the response id. */
  readonly requestId?: string;
  /** Credential values to mask out of exception messages. */
  readonly secrets?: readonly string[];
}

/** A tool-use content block, by its `contentBlockIndex`. */
interface ToolBlock {
  /** 0-based position among the message's tool calls. */
  readonly toolIndex: number;
  receivedInput: boolean;
}

const EVENT_TYPES = new Set([
  'messageStart',
  'contentBlockStart',
  'contentBlockDelta',
  'contentBlockStop',
  'messageStop',
  'metadata',
]);

const utf8 = new TextDecoder();

function streamError(message: string, model: string, cause?: unknown): ConnectorError {
  return new ConnectorError('stream', message, {
    providerId: BEDROCK_PROVIDER_ID,
    model,
    ...(cause !== undefined && { cause }),
  });
}

function errorBody(body: Uint8Array): BedrockErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(utf8.decode(body));
    return typeof parsed === 'object' && parsed !== null ? (parsed as BedrockErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Maps the messages of a ConverseStream response to unified stream chunks:
 *
 * - `contentBlockDelta` `text` → `text-delta`; `reasoningContent.text` → `reasoning-delta`;
 *   `reasoningContent.signature` → `reasoning-delta` with the `signature` and empty text (it closes
 *   the reasoning block); `reasoningContent.redactedContent` → a redacted `reasoning-delta`
 *   carrying the encrypted data as its signature.
 * - A `contentBlockStart` with `toolUse` → `tool-call-delta` with `id` and `name`; its
 *   `toolUse.input` fragments → `tool-call-delta` with `argumentsDelta`. The chunk `index` is the
 *   call's 0-based position among tool calls, not the `contentBlockIndex`; a call that streamed no
 *   input gets `{}` at its `contentBlockStop`.
 * - Once both `messageStop` (the stop reason) and `metadata` (usage, sent after it) arrived →
 *   `finish`, last, with the mapped stop reason and usage (see `mapBedrockUsage`).
 * - An exception message (`:message-type: exception`) throws the `ConnectorError` of its
 *   `:exception-type` (see `mapBedrockStreamException`); an `error` message likewise.
 * - A stream that ends without both `messageStop` and `metadata` throws a `stream` error, never
 *   ends silently. `messageStart` and unknown event types are skipped.
 *
 * Messages after `finish` are read and ignored so the connection can be reused; stopping
 * iteration early returns the message source, which closes the connection.
 *
 * @param messages - Decoded event-stream messages, usually `decodeEventStream(response.body)`.
 * @param options - Model, request id and secrets to mask.
 */
export async function* mapConverseStreamEvents(
  messages: AsyncIterable<EventStreamMessage>,
  options: MapConverseStreamEventsOptions,
): AsyncGenerator<StreamChunk, void, undefined> {
  const { model } = options;
  const toolBlocks = new Map<number, ToolBlock>();
  let toolCount = 0;
  let stopReason: string | undefined;
  let usage: BedrockTokenUsage | undefined;
  let sawStop = false;
  let sawMetadata = false;
  let finished = false;

  const toolBlock = (index: number): ToolBlock => {
    let block = toolBlocks.get(index);
    if (block === undefined) {
      block = { toolIndex: toolCount++, receivedInput: false };
      toolBlocks.set(index, block);
    }
    return block;
  };

  for await (const message of messages) {
    const headers = message.headers;
    const messageType = headers[':message-type'] ?? 'event';
    if (messageType === 'exception') {
      throw mapBedrockStreamException(
        headers[':exception-type'],
        errorBody(message.body),
        options.secrets,
        model,
      );
    }
    if (messageType === 'error') {
      const errorMessage = headers[':error-message'];
      throw mapBedrockStreamException(
        headers[':error-code'],
        errorMessage === undefined ? undefined : { message: errorMessage },
        options.secrets,
        model,
      );
    }
    const eventType = headers[':event-type'];
    if (finished || messageType !== 'event' || eventType === undefined || !EVENT_TYPES.has(eventType))
      continue;

    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(utf8.decode(message.body)) as Record<string, unknown>;
    } catch (error) {
      throw streamError(`A "${eventType}" event carried a payload that is not JSON`, model, error);
    }
    if (typeof payload !== 'object' || payload === null) continue;

    switch (eventType) {
      case 'contentBlockStart': {
        const event = payload as ContentBlockStartEvent;
        const toolUse = event.start?.toolUse;
        if (toolUse !== undefined) {
          const block = toolBlock(event.contentBlockIndex ?? -1);
          yield {
            type: 'tool-call-delta',
            index: block.toolIndex,
            id: toolUse.toolUseId ?? '',
            name: toolUse.name ?? '',
            argumentsDelta: '',
          };
        }
        break;
      }
      case 'contentBlockDelta': {
        const event = payload as ContentBlockDeltaEvent;
        const delta = event.delta;
        if (typeof delta?.text === 'string') {
          if (delta.text !== '') yield { type: 'text-delta', text: delta.text };
        } else if (delta?.toolUse !== undefined) {
          const block = toolBlock(event.contentBlockIndex ?? -1);
          const input = delta.toolUse.input;
          if (typeof input === 'string' && input !== '') {
            block.receivedInput = true;
            yield { type: 'tool-call-delta', index: block.toolIndex, argumentsDelta: input };
          }
        } else if (delta?.reasoningContent !== undefined) {
          const reasoning = delta.reasoningContent;
          if (typeof reasoning.text === 'string' && reasoning.text !== '') {
            yield { type: 'reasoning-delta', text: reasoning.text };
          }
          if (typeof reasoning.signature === 'string') {
            yield { type: 'reasoning-delta', text: '', signature: reasoning.signature };
          }
          if (typeof reasoning.redactedContent === 'string') {
            yield { type: 'reasoning-delta', text: '', signature: reasoning.redactedContent, redacted: true };
          }
        }
        break;
      }
      case 'contentBlockStop': {
        const index = (payload as { contentBlockIndex?: number }).contentBlockIndex ?? -1;
        const block = toolBlocks.get(index);
        if (block !== undefined && !block.receivedInput) {
          // a call without arguments: make the folded arguments valid JSON, as in a full response
          block.receivedInput = true;
          yield { type: 'tool-call-delta', index: block.toolIndex, argumentsDelta: '{}' };
        }
        break;
      }
      case 'messageStop':
        sawStop = true;
        stopReason = (payload as MessageStopEvent).stopReason;
        break;
      case 'metadata':
        sawMetadata = true;
        usage = (payload as ConverseStreamMetadataEvent).usage;
        break;
      default:
        // messageStart names only the role, which is always assistant
        break;
    }
    if (sawStop && sawMetadata) {
      finished = true;
      yield {
        type: 'finish',
        finishReason: mapBedrockStopReason(stopReason),
        usage: mapBedrockUsage(usage),
        ...(options.requestId !== undefined && { responseId: options.requestId }),
        model,
      };
    }
  }
  if (!finished) {
    const missing = sawStop ? 'metadata' : sawMetadata ? 'messageStop' : 'messageStop and metadata';
    throw streamError(`The stream ended without ${missing}; the answer is incomplete.`, model);
  }
}
