import {
  ConnectorError,
  type FinishChunk,
  type FinishReason,
  type RateLimitSnapshot,
  type StreamChunk,
  toConnectorError,
} from '@hub/core';
import type { SseEvent } from '@hub/provider-utils';
import { convertResponsesUsage } from './convert-responses-usage.js';
import { drain, drainWithGrace } from './internal/drain-body.js';
import { mapOpenAIError } from './map-openai-error.js';
import { failedResponseError, incompleteFinishReason } from './map-responses-status.js';
import type { ResponsesOutputItem, ResponsesResponse, ResponsesStreamEvent } from './responses-wire-types.js';

/** An opened Responses stream: its events, rate limits and the call's deadline. */
export interface ResponsesStreamSource {
  readonly events: AsyncIterable<SseEvent>;
  readonly rateLimit?: RateLimitSnapshot | undefined;
  /** Disposed when the stream ends, fails or is left. */
  readonly deadline?: { dispose(): void } | undefined;
}

/** What `decodeResponsesStream` needs. */
export interface ResponsesStreamOptions {
  readonly providerId: string;
  /** The requested model; reported when the events name none. */
  readonly model: string;
  /** Sends the request; called on the first pull, so nothing is sent before iteration. */
  readonly open: () => Promise<ResponsesStreamSource>;
}

/** What the stream has told so far, for the `finish` chunk and for tool-call indexes. */
class StreamState {
  responseId: string | undefined;
  model: string | undefined;
  refusal = '';
  sawText = false;
  /** Function-call item id → its unified tool-call index (one entry per call of this response). */
  readonly toolIndexes = new Map<string, number>();
  /** Arguments received per tool index, to complete calls whose deltas did not come. */
  readonly toolArguments: string[] = [];
  /** The reasoning item whose summary is streaming, and its summary part. */
  reasoningItem: string | undefined;
  summaryIndex = 0;
}

function parseEvent(event: SseEvent, providerId: string, model: string): ResponsesStreamEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch (error) {
    throw new ConnectorError('parse', 'A stream event is not valid JSON.', {
      providerId,
      model,
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConnectorError('parse', 'A stream event is not a JSON object.', { providerId, model });
  }
  return parsed as ResponsesStreamEvent;
}

function toolIndex(state: StreamState, itemId: string | undefined): number {
  const known = itemId === undefined ? undefined : state.toolIndexes.get(itemId);
  if (known !== undefined) return known;
  const index = state.toolArguments.length;
  state.toolArguments.push('');
  if (itemId !== undefined) state.toolIndexes.set(itemId, index);
  return index;
}

function* itemAdded(item: ResponsesOutputItem, state: StreamState): Generator<StreamChunk> {
  if (item.type !== 'function_call') return;
  const index = toolIndex(state, item.id);
  const argumentsDelta = item.arguments ?? '';
  state.toolArguments[index] = argumentsDelta;
  yield {
    type: 'tool-call-delta',
    index,
    ...(item.call_id !== undefined && { id: item.call_id }),
    ...(item.name !== undefined && { name: item.name }),
    argumentsDelta,
  };
}

function* itemDone(item: ResponsesOutputItem, state: StreamState): Generator<StreamChunk> {
  if (item.type === 'reasoning') {
    // the encrypted content arrives with the finished item: it signs (closes) the reasoning part
    const encrypted = typeof item.encrypted_content === 'string' ? item.encrypted_content : undefined;
    if (encrypted !== undefined || item.id !== undefined) {
      yield {
        type: 'reasoning-delta',
        text: '',
        ...(encrypted !== undefined && { signature: encrypted }),
        ...(item.id !== undefined && { id: item.id }),
      };
    }
    state.reasoningItem = undefined;
    return;
  }
  if (item.type === 'function_call') {
    const index = toolIndex(state, item.id);
    const full = item.arguments ?? '';
    const received = state.toolArguments[index] ?? '';
    // a server that sent the arguments only with the finished item: hand out the rest
    if (full.length > received.length && full.startsWith(received)) {
      state.toolArguments[index] = full;
      yield { type: 'tool-call-delta', index, argumentsDelta: full.slice(received.length) };
    }
  }
}

function finishChunk(
  response: ResponsesResponse | undefined,
  finishReason: FinishReason,
  state: StreamState,
  options: ResponsesStreamOptions,
  rateLimit: RateLimitSnapshot | undefined,
): FinishChunk {
  const usage = convertResponsesUsage(response?.usage);
  const responseId = response?.id ?? state.responseId;
  return {
    type: 'finish',
    finishReason,
    ...(usage !== undefined && { usage }),
    ...(responseId !== undefined && { responseId }),
    model: response?.model ?? state.model ?? options.model,
    ...(rateLimit !== undefined && { rateLimit }),
    ...(state.refusal !== '' && { refusal: state.refusal }),
  };
}

function completedReason(state: StreamState): FinishReason {
  if (state.toolArguments.length > 0) return 'tool_calls';
  if (state.refusal !== '' && !state.sawText) return 'content_filter';
  return 'stop';
}

/**
 * Turns a Responses API event stream into unified stream chunks, event by event:
 *
 * - `response.output_text.delta` → `text-delta`; `response.refusal.delta` is collected for
 *   `finish.refusal`;
 * - `response.reasoning_summary_text.delta` (and `response.reasoning_text.delta` of models with
 *   open reasoning) → `reasoning-delta` with the item id; a new summary part of the same item
 *   starts after a blank line; `response.output_item.done` of a reasoning item → a
 *   `reasoning-delta` carrying its `encrypted_content` as `signature`;
 * - `response.output_item.added` of a function call → the first `tool-call-delta` (`call_id` as
 *   id, name), `response.function_call_arguments.delta` → the following ones, indexed by item;
 * - `response.completed` → `finish` (`tool_calls` when a function was called, `content_filter`
 *   for a refusal without text, else `stop`) with usage, response id, model, rate limits;
 *   `response.incomplete` → `finish` with `length` or `content_filter`;
 * - every other event (lifecycle, content parts, annotations, built-in tool progress) carries
 *   nothing the unified model holds and is skipped.
 *
 * Failures: `error` and `response.failed` events throw their classified error; a stream that
 * ends without a terminal event, or breaks, throws `stream`; an event that is not JSON throws
 * `parse`; abort and deadlines throw `cancelled` / `timeout`. Each failure, and leaving the
 * stream early, closes the connection.
 */
export async function* decodeResponsesStream(options: ResponsesStreamOptions): AsyncGenerator<StreamChunk> {
  const { providerId, model } = options;
  const source = await options.open();
  const events = source.events[Symbol.asyncIterator]();
  const state = new StreamState();
  let finished = false;
  // the body's end is read after the terminal event; from then on the drain owns the deadline
  let draining = false;
  let ended = false;
  try {
    for (;;) {
      if (finished) {
        draining = true;
        await drainWithGrace(events, source.deadline);
        return;
      }
      const next = await events.next();
      if (next.done === true) {
        ended = true;
        break;
      }
      const data = parseEvent(next.value, providerId, model);
      switch (data.type) {
        case 'response.created':
        case 'response.in_progress':
        case 'response.queued':
          state.responseId ??= data.response?.id;
          state.model ??= data.response?.model;
          break;
        case 'response.output_text.delta':
          if (typeof data.delta === 'string' && data.delta !== '') {
            state.sawText = true;
            yield { type: 'text-delta', text: data.delta };
          }
          break;
        case 'response.refusal.delta':
          if (typeof data.delta === 'string') state.refusal += data.delta;
          break;
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta': {
          if (typeof data.delta !== 'string' || data.delta === '') break;
          const part = data.summary_index ?? 0;
          const continues = state.reasoningItem === data.item_id;
          const separator = continues && part !== state.summaryIndex ? '\n\n' : '';
          state.reasoningItem = data.item_id;
          state.summaryIndex = part;
          yield {
            type: 'reasoning-delta',
            text: separator + data.delta,
            ...(data.item_id !== undefined && { id: data.item_id }),
          };
          break;
        }
        case 'response.output_item.added':
          if (data.item !== undefined) yield* itemAdded(data.item, state);
          break;
        case 'response.function_call_arguments.delta': {
          if (typeof data.delta !== 'string' || data.delta === '') break;
          const index = toolIndex(state, data.item_id);
          state.toolArguments[index] += data.delta;
          yield { type: 'tool-call-delta', index, argumentsDelta: data.delta };
          break;
        }
        case 'response.output_item.done':
          if (data.item !== undefined) yield* itemDone(data.item, state);
          break;
        case 'response.completed':
          finished = true;
          yield finishChunk(data.response, completedReason(state), state, options, source.rateLimit);
          break;
        case 'response.incomplete':
          finished = true;
          yield finishChunk(
            data.response,
            data.response === undefined ? 'other' : incompleteFinishReason(data.response),
            state,
            options,
            source.rateLimit,
          );
          break;
        case 'response.failed':
          throw failedResponseError(data.response ?? {}, providerId, model);
        case 'error':
          throw mapOpenAIError({ providerId, bodyJson: data });
        default:
      }
    }
    if (!finished) {
      throw new ConnectorError(
        'stream',
        'The stream ended before the response was complete (no response.completed).',
        {
          providerId,
          model,
        },
      );
    }
  } catch (error) {
    if (ConnectorError.isInstance(error)) {
      // the body broke after it started: the answer is incomplete, not the connection refused
      if (error.code === 'network') {
        throw new ConnectorError('stream', `The stream broke off: ${error.message}`, {
          providerId,
          model,
          cause: error,
        });
      }
      throw error;
    }
    throw toConnectorError(error, { providerId, model });
  } finally {
    if (finished && !draining) {
      // the consumer left after the complete answer: keep the connection by reading its end
      void drain(events, source.deadline);
    } else if (!draining) {
      // a failure or an early leave closes the connection; a body that ended needs no closing
      if (!ended) await events.return?.()?.catch(() => {});
      source.deadline?.dispose();
    }
  }
}
