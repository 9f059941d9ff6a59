import { ConnectorError, type RateLimitSnapshot, type StreamChunk } from '@hub/core';
import type { SseEvent } from '@hub/provider-utils';
import type {
  AnthropicContentDelta,
  AnthropicResponseBlock,
  AnthropicUsage,
} from './anthropic-wire-types.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicStreamError } from './map-anthropic-stream-error.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';

/** What `mapAnthropicEvents` needs besides the events. */
export interface MapAnthropicEventsOptions {
  /** The model the request asked for; named in errors and used until `message_start` names one. */
  readonly model: string;
  /** Rate-limit state from the response headers, attached to the `finish` chunk. */
  readonly rateLimit?: RateLimitSnapshot;
  /** Credentials to mask out of error messages taken from `error` events. */
  readonly secrets?: readonly string[];
}

/** What the mapper remembers about one content block, by its `index`. */
interface BlockState {
  readonly kind: 'text' | 'thinking' | 'tool' | 'other';
  /** 0-based position among the message's tool calls (tool blocks only). */
  readonly toolIndex: number;
  receivedInput: boolean;
}

const EVENT_TYPES = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
  'error',
]);

function streamError(message: string, model: string, cause?: unknown): ConnectorError {
  return new ConnectorError('stream', message, {
    providerId: 'anthropic',
    model,
    ...(cause !== undefined && { cause }),
  });
}

function kindOf(block: AnthropicResponseBlock): BlockState['kind'] {
  switch (block.type) {
    case 'text':
      return 'text';
    case 'thinking':
    case 'redacted_thinking':
      return 'thinking';
    case 'tool_use':
      return 'tool';
    default:
      return 'other';
  }
}

function mergeUsage(start: AnthropicUsage | undefined, delta: AnthropicUsage | undefined): AnthropicUsage {
  if (delta === undefined) return start ?? {};
  // message_delta counts are cumulative; a field it repeats replaces the message_start figure
  const merged: Record<string, number | null | undefined> = { ...start };
  for (const [key, value] of Object.entries(delta)) if (typeof value === 'number') merged[key] = value;
  return merged as AnthropicUsage;
}

/**
 * Maps Anthropic's Messages stream (`event: X` / `data: {...}` server-sent events) to unified
 * stream chunks:
 *
 * - `content_block_delta` `text_delta` → `text-delta`; `thinking_delta` → `reasoning-delta`;
 *   `signature_delta` → `reasoning-delta` with the `signature` and empty text; a
 *   `redacted_thinking` block → `reasoning-delta` with its data as `signature`.
 * - A `tool_use` block start → `tool-call-delta` with `id` and `name`, its `input_json_delta`
 *   fragments → `tool-call-delta` with `argumentsDelta`. The `index` is the call's 0-based
 *   position among tool calls (not the content block index); a call that streamed no input gets
 *   `{}` as its arguments.
 * - `message_stop` → `finish`, last, with the `stop_reason` from `message_delta` and usage
 *   combining `message_start` (input and cache figures) with `message_delta` (cumulative output).
 * - `ping` and unknown event or block types are ignored.
 * - An `error` event throws its `ConnectorError` (`overloaded_error` → `overloaded`, retryable);
 *   a stream that ends before `message_stop` throws a `stream` error — never a silent end.
 *
 * Events after `message_stop` are read and ignored so the connection can be reused. Stopping
 * iteration early returns the event source, which closes the connection.
 *
 * @param events - Decoded server-sent events, usually `decodeSse(response.body)`.
 * @param options - Model, rate-limit snapshot, secrets to mask and the activity callback.
 */
export async function* mapAnthropicEvents(
  events: AsyncIterable<SseEvent>,
  options: MapAnthropicEventsOptions,
): AsyncGenerator<StreamChunk, void, undefined> {
  const blocks = new Map<number, BlockState>();
  let toolCount = 0;
  let responseId: string | undefined;
  let model = options.model;
  let startUsage: AnthropicUsage | undefined;
  let deltaUsage: AnthropicUsage | undefined;
  let stopReason: string | null | undefined;
  let stopped = false;

  for await (const event of events) {
    if (stopped) continue;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(event.data) as Record<string, unknown>;
    } catch (error) {
      // data of an event type we do not interpret need not be JSON
      if (event.event !== undefined && !EVENT_TYPES.has(event.event)) continue;
      throw streamError(
        `An "${event.event ?? 'message'}" event carried data that is not JSON.`,
        model,
        error,
      );
    }
    if (typeof payload !== 'object' || payload === null) continue;
    const type = typeof payload.type === 'string' ? payload.type : event.event;
    switch (type) {
      case 'message_start': {
        const message = payload.message as
          | { id?: unknown; model?: unknown; usage?: AnthropicUsage }
          | undefined;
        if (typeof message?.id === 'string') responseId = message.id;
        if (typeof message?.model === 'string') model = message.model;
        startUsage = message?.usage;
        break;
      }
      case 'content_block_start': {
        const index = payload.index as number;
        const block = (payload.content_block ?? { type: 'unknown' }) as AnthropicResponseBlock;
        const fields = block as Record<string, unknown>;
        const kind = kindOf(block);
        const state: BlockState = {
          kind,
          toolIndex: kind === 'tool' ? toolCount++ : -1,
          receivedInput: false,
        };
        blocks.set(index, state);
        if (block.type === 'text' && typeof fields.text === 'string' && fields.text !== '') {
          yield { type: 'text-delta', text: fields.text };
        } else if (
          block.type === 'thinking' &&
          typeof fields.thinking === 'string' &&
          fields.thinking !== ''
        ) {
          yield { type: 'reasoning-delta', text: fields.thinking };
        } else if (block.type === 'redacted_thinking') {
          yield { type: 'reasoning-delta', text: '', signature: String(fields.data ?? ''), redacted: true };
        } else if (kind === 'tool') {
          const input = fields.input;
          // streamed tool calls start with `input: {}` and send the arguments as fragments
          const initial =
            typeof input === 'object' && input !== null && Object.keys(input).length > 0
              ? JSON.stringify(input)
              : '';
          state.receivedInput = initial !== '';
          yield {
            type: 'tool-call-delta',
            index: state.toolIndex,
            id: String(fields.id ?? ''),
            name: String(fields.name ?? ''),
            argumentsDelta: initial,
          };
        }
        break;
      }
      case 'content_block_delta': {
        const delta = payload.delta as AnthropicContentDelta | undefined;
        const state = blocks.get(payload.index as number);
        const fields = (delta ?? {}) as Record<string, unknown>;
        switch (delta?.type) {
          case 'text_delta':
            if (typeof fields.text === 'string' && fields.text !== '')
              yield { type: 'text-delta', text: fields.text };
            break;
          case 'thinking_delta':
            if (typeof fields.thinking === 'string' && fields.thinking !== '') {
              yield { type: 'reasoning-delta', text: fields.thinking };
            }
            break;
          case 'signature_delta':
            if (typeof fields.signature === 'string') {
              yield { type: 'reasoning-delta', text: '', signature: fields.signature };
            }
            break;
          case 'input_json_delta':
            if (
              state?.kind === 'tool' &&
              typeof fields.partial_json === 'string' &&
              fields.partial_json !== ''
            ) {
              state.receivedInput = true;
              yield { type: 'tool-call-delta', index: state.toolIndex, argumentsDelta: fields.partial_json };
            }
            break;
          default:
            // citations_delta and future delta types carry nothing the unified model holds
            break;
        }
        break;
      }
      case 'content_block_stop': {
        const state = blocks.get(payload.index as number);
        if (state?.kind === 'tool' && !state.receivedInput) {
          // a call without arguments: make the folded arguments valid JSON, as in a full response
          state.receivedInput = true;
          yield { type: 'tool-call-delta', index: state.toolIndex, argumentsDelta: '{}' };
        }
        break;
      }
      case 'message_delta': {
        const delta = payload.delta as { stop_reason?: string | null } | undefined;
        if (delta?.stop_reason !== undefined) stopReason = delta.stop_reason;
        if (payload.usage !== undefined) deltaUsage = mergeUsage(deltaUsage, payload.usage as AnthropicUsage);
        break;
      }
      case 'message_stop':
        stopped = true;
        yield {
          type: 'finish',
          finishReason: mapAnthropicStopReason(stopReason),
          usage: mapAnthropicUsage(mergeUsage(startUsage, deltaUsage)),
          ...(responseId !== undefined && { responseId }),
          model,
          ...(options.rateLimit !== undefined && { rateLimit: options.rateLimit }),
        };
        break;
      case 'error':
        throw mapAnthropicStreamError(payload, options.secrets, model);
      default:
        // ping, and event types added after this provider was written
        break;
    }
  }
  if (!stopped) throw streamError('The stream ended before message_stop; the answer is incomplete.', model);
}
