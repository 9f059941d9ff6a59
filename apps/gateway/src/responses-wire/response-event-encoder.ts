import { ConnectorError, type FinishChunk, type StreamChunk, type Usage } from '@hub/core';
import type { StreamEncoder } from '../wire/wire-format.js';
import type { ConversationItem } from './conversation-item.js';
import { buildResponse, type GatewayResponse, type ResponseState } from './gateway-response.js';
import { endingOf, functionCallItem, type ItemStatus, messageItem, reasoningItem } from './output-items.js';
import type { ResponsesRequest } from './parse-responses-request.js';
import { outputItemId, toolCallId } from './response-ids.js';
import { toResponsesError } from './to-responses-error.js';
import { toResponsesUsage } from './to-responses-usage.js';

interface OpenMessage {
  readonly kind: 'message';
  readonly index: number;
  readonly id: string;
  text: string;
}

interface OpenReasoning {
  readonly kind: 'reasoning';
  readonly index: number;
  readonly id: string;
  /** The provider's item id, when it gave one (it is then the item's id too). */
  readonly providerId: string | undefined;
  readonly redacted: boolean;
  text: string;
  signature: string | undefined;
  summaryOpen: boolean;
}

interface OpenCall {
  readonly index: number;
  readonly id: string;
  readonly toolIndex: number;
  readonly callId: string;
  readonly name: string;
  arguments: string;
  signature: string | undefined;
}

/** The outcome of the `finish` chunk, computed once (by `commit` or by `encode`). */
interface Finished {
  readonly frames: string;
  /** The sequence number of the first of `frames`, reused when they are never written. */
  readonly firstSequence: number;
  /** Whether `response.created` was written before (else it is among `frames`). */
  readonly wasStarted: boolean;
  /** The finished response; undefined when the provider reported a failure (`finish: error`). */
  readonly response: GatewayResponse | undefined;
}

/** Options of a `ResponseEventEncoder`. */
export interface ResponseEventEncoderOptions {
  /** Keeps the finished response (`store: true`); awaited before its last events are written. */
  readonly persist?: (response: GatewayResponse) => Promise<void>;
  /** Clock of `completed_at`, epoch milliseconds. */
  readonly now?: () => number;
  /**
   * The `model` every event's response names, read when the first is written (the target
   * answering is known by then); undefined, or no function: the model the request named.
   */
  readonly model?: () => string | undefined;
}

/**
 * Encodes unified stream chunks as Open Responses server-sent events:
 *
 * ```text
 * response.created, response.in_progress                    (with the first chunk)
 * per message:   output_item.added, content_part.added, output_text.delta*, output_text.done,
 *                content_part.done, output_item.done
 * per reasoning: output_item.added, reasoning_summary_part.added, reasoning_summary_text.delta*,
 *                reasoning_summary_text.done, reasoning_summary_part.done, output_item.done
 * per call:      output_item.added, function_call_arguments.delta*, function_call_arguments.done,
 *                output_item.done
 * response.completed | response.incomplete (length, content filter) | error + response.failed
 * data: [DONE]
 * ```
 *
 * Every event carries `event:` equal to its `type` and a `sequence_number` counting up from 0
 * by one; `output_index`, `content_index` and `item_id` of deltas and `done` events are those
 * of their `added` event. A message or reasoning item closes when another item starts; function
 * calls stay open until the end (a provider may interleave their argument fragments). The last
 * event's response carries the usage of the `finish` chunk (or of the last `usage` chunk).
 * A failure after the first event is an `error` event followed by `response.failed` carrying the
 * error, never `response.completed` nor a silent end.
 */
export class ResponseEventEncoder implements StreamEncoder {
  readonly #parsed: ResponsesRequest;
  readonly #token: string;
  readonly #persist: ResponseEventEncoderOptions['persist'];
  readonly #now: () => number;
  readonly #answeredBy: (() => string | undefined) | undefined;
  #model: string | undefined;
  #sequence = 0;
  #started = false;
  // output items by index: set when their `done` event is written
  readonly #output: (ConversationItem | undefined)[] = [];
  #open: OpenMessage | OpenReasoning | undefined;
  // open function calls by the chunks' tool index; at most one per call the provider made
  readonly #calls = new Map<number, OpenCall>();
  #usage: Usage | undefined;
  #finished: Finished | undefined;
  #finishWritten = false;

  constructor(parsed: ResponsesRequest, options: ResponseEventEncoderOptions = {}) {
    this.#parsed = parsed;
    this.#token = parsed.ids.token;
    this.#persist = options.persist;
    this.#now = options.now ?? Date.now;
    this.#answeredBy = options.model;
  }

  // one value for every event of the stream, as for a non-streamed answer of the same call
  #modelName(): string {
    this.#model ??= this.#answeredBy?.() ?? this.#parsed.request.model;
    return this.#model;
  }

  /** The events for one chunk (the first call also writes `response.created` and `in_progress`). */
  encode(chunk: StreamChunk): string {
    if (chunk.type === 'finish') {
      this.#finishWritten = true;
      return this.#finish(chunk).frames;
    }
    let out = this.#start();
    switch (chunk.type) {
      case 'text-delta':
        if (chunk.text === '') return out;
        if (this.#open?.kind !== 'message') out += this.#closeOpen('completed') + this.#openMessage();
        return out + this.#textDelta(chunk.text);
      case 'reasoning-delta': {
        const open = this.#open;
        // a new provider item id starts a new item, as the unified stream folds it
        const otherItem =
          chunk.id !== undefined &&
          open?.kind === 'reasoning' &&
          open.providerId !== undefined &&
          chunk.id !== open.providerId;
        if (open?.kind !== 'reasoning' || otherItem)
          out += this.#closeOpen('completed') + this.#openReasoning(chunk.id, chunk.redacted === true);
        out += this.#reasoningDelta(chunk.text);
        if (chunk.signature !== undefined) {
          // a signature ends its reasoning block, as in the unified stream
          (this.#open as OpenReasoning).signature = chunk.signature;
          out += this.#closeOpen('completed');
        }
        return out;
      }
      case 'tool-call-delta': {
        out += this.#closeOpen('completed');
        let call = this.#calls.get(chunk.index);
        if (call === undefined) {
          const opened = this.#openCall(chunk.index, chunk.id, chunk.name);
          call = opened.call;
          out += opened.frames;
        }
        if (chunk.signature !== undefined) call.signature = chunk.signature;
        if (chunk.argumentsDelta === '') return out;
        call.arguments += chunk.argumentsDelta;
        return (
          out +
          this.#event('response.function_call_arguments.delta', {
            item_id: call.id,
            output_index: call.index,
            delta: chunk.argumentsDelta,
          })
        );
      }
      case 'usage':
        this.#usage = chunk.usage;
        return out;
    }
  }

  /** Stores the finished response before its last events are written (see `persist`). */
  async commit(finish: FinishChunk): Promise<void> {
    const { response } = this.#finish(finish);
    if (response !== undefined && this.#persist !== undefined) await this.#persist(response);
  }

  /** The `error` event and `response.failed` for a failure after the first event; then `[DONE]`. */
  errorFrame(error: unknown): string {
    // the finish's events were computed (for `commit`) but never written: their numbers are free
    if (this.#finished !== undefined && !this.#finishWritten) {
      this.#sequence = this.#finished.firstSequence;
      this.#started = this.#finished.wasStarted;
    }
    let out = this.#start();
    const reply = toResponsesError(error);
    out += this.#event('error', { error: reply.body.error });
    const output = this.#outputSoFar();
    out += this.#event('response.failed', {
      response: this.#response({
        status: 'failed',
        completed_at: null,
        incomplete_details: null,
        model: this.#modelName(),
        output,
        error: { code: reply.body.error.code ?? 'server_error', message: reply.body.error.message },
        usage: this.#usage === undefined ? null : toResponsesUsage(this.#usage),
      }),
    });
    return `${out}data: [DONE]\n\n`;
  }

  #finish(chunk: FinishChunk): Finished {
    if (this.#finished !== undefined) return this.#finished;
    const firstSequence = this.#sequence;
    const wasStarted = this.#started;
    let out = this.#start();
    const ending = endingOf(chunk.finishReason);
    if (ending.status === 'failed') {
      const error = new ConnectorError('provider', 'The provider reported an error while answering.', {
        ...(chunk.provider !== undefined && { providerId: chunk.provider }),
        retryable: false,
      });
      this.#finished = {
        frames: out + this.errorFrame(error),
        firstSequence,
        wasStarted,
        response: undefined,
      };
      return this.#finished;
    }
    if (chunk.refusal !== undefined) {
      if (this.#open?.kind !== 'message') out += this.#closeOpen('completed') + this.#openMessage();
      // the refusal's message is the last item: it opened after every other one
      out += this.#refusal(chunk.refusal, ending.status === 'incomplete' ? 'incomplete' : 'completed');
    } else if (this.#output.length === 0 && this.#open === undefined && this.#calls.size === 0) {
      // an empty answer is still one message, so `output` is never empty
      out += this.#openMessage();
    }
    const last = this.#output.length - 1;
    const statusOf = (index: number): ItemStatus =>
      ending.status === 'incomplete' && index === last ? 'incomplete' : 'completed';
    for (const call of [...this.#calls.values()].sort((a, b) => a.index - b.index))
      out += this.#closeCall(call, statusOf(call.index));
    this.#calls.clear();
    if (this.#open !== undefined) out += this.#closeOpen(statusOf(this.#open.index));
    const usage = chunk.usage ?? this.#usage;
    const response = this.#response({
      status: ending.status,
      completed_at: ending.status === 'completed' ? Math.floor(this.#now() / 1000) : null,
      incomplete_details: ending.incompleteDetails,
      model: this.#modelName(),
      output: this.#output as ConversationItem[],
      error: null,
      usage: usage === undefined ? null : toResponsesUsage(usage),
    });
    out += this.#event(ending.status === 'completed' ? 'response.completed' : 'response.incomplete', {
      response,
    });
    this.#finished = { frames: `${out}data: [DONE]\n\n`, firstSequence, wasStarted, response };
    return this.#finished;
  }

  #start(): string {
    if (this.#started) return '';
    this.#started = true;
    const response = this.#response({
      status: 'in_progress',
      completed_at: null,
      incomplete_details: null,
      model: this.#modelName(),
      output: [],
      error: null,
      usage: null,
    });
    return this.#event('response.created', { response }) + this.#event('response.in_progress', { response });
  }

  #response(state: ResponseState): GatewayResponse {
    return buildResponse(this.#parsed, state);
  }

  #event(type: string, fields: Record<string, unknown>): string {
    const data = JSON.stringify({ type, sequence_number: this.#sequence++, ...fields });
    return `event: ${type}\ndata: ${data}\n\n`;
  }

  #nextIndex(): number {
    // slots are reserved when an item is added, so indexes follow the order of `added` events
    this.#output.push(undefined);
    return this.#output.length - 1;
  }

  #openMessage(): string {
    const index = this.#nextIndex();
    const id = outputItemId('msg', this.#token, index);
    this.#open = { kind: 'message', index, id, text: '' };
    return (
      this.#event('response.output_item.added', {
        output_index: index,
        item: { type: 'message', id, status: 'in_progress', role: 'assistant', content: [] },
      }) +
      this.#event('response.content_part.added', {
        item_id: id,
        output_index: index,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [] },
      })
    );
  }

  #textDelta(text: string): string {
    const open = this.#open as OpenMessage;
    open.text += text;
    return this.#event('response.output_text.delta', {
      item_id: open.id,
      output_index: open.index,
      content_index: 0,
      delta: text,
      logprobs: [],
    });
  }

  #refusal(refusal: string, status: ItemStatus): string {
    const open = this.#open as OpenMessage;
    this.#open = undefined;
    const at = { item_id: open.id, output_index: open.index, content_index: 1 };
    const part = { type: 'refusal', refusal };
    return (
      this.#closeText(open) +
      this.#event('response.content_part.added', { ...at, part: { type: 'refusal', refusal: '' } }) +
      this.#event('response.refusal.delta', { ...at, delta: refusal }) +
      this.#event('response.refusal.done', { ...at, refusal }) +
      this.#event('response.content_part.done', { ...at, part }) +
      this.#closeItem(open.index, messageItem(this.#token, open.index, status, open.text, refusal))
    );
  }

  #openReasoning(providerId: string | undefined, redacted: boolean): string {
    const index = this.#nextIndex();
    const id = providerId ?? outputItemId('rs', this.#token, index, redacted);
    this.#open = {
      kind: 'reasoning',
      index,
      id,
      providerId,
      redacted,
      text: '',
      signature: undefined,
      summaryOpen: false,
    };
    return this.#event('response.output_item.added', {
      output_index: index,
      item: { type: 'reasoning', id, summary: [] },
    });
  }

  #reasoningDelta(text: string): string {
    const open = this.#open as OpenReasoning;
    if (text === '') return '';
    const at = { item_id: open.id, output_index: open.index, summary_index: 0 };
    let out = '';
    if (!open.summaryOpen) {
      open.summaryOpen = true;
      out += this.#event('response.reasoning_summary_part.added', {
        ...at,
        part: { type: 'summary_text', text: '' },
      });
    }
    open.text += text;
    return out + this.#event('response.reasoning_summary_text.delta', { ...at, delta: text });
  }

  #openCall(
    toolIndex: number,
    id: string | undefined,
    name: string | undefined,
  ): { call: OpenCall; frames: string } {
    const index = this.#nextIndex();
    const call: OpenCall = {
      index,
      id: outputItemId('fc', this.#token, index),
      toolIndex,
      callId: id === undefined || id === '' ? toolCallId(this.#token, this.#calls.size) : id,
      name: name ?? '',
      arguments: '',
      signature: undefined,
    };
    this.#calls.set(toolIndex, call);
    const frames = this.#event('response.output_item.added', {
      output_index: index,
      item: {
        type: 'function_call',
        id: call.id,
        call_id: call.callId,
        name: call.name,
        arguments: '',
        status: 'in_progress',
      },
    });
    return { call, frames };
  }

  #closeCall(call: OpenCall, status: ItemStatus): string {
    return (
      this.#event('response.function_call_arguments.done', {
        item_id: call.id,
        output_index: call.index,
        arguments: call.arguments,
      }) +
      this.#closeItem(
        call.index,
        functionCallItem(this.#token, call.index, call.toolIndex, status, {
          id: call.callId,
          name: call.name,
          arguments: call.arguments,
          signature: call.signature,
        }),
      )
    );
  }

  /** Closes the open message or reasoning item (function calls stay open). */
  #closeOpen(status: ItemStatus): string {
    const open = this.#open;
    if (open === undefined) return '';
    this.#open = undefined;
    if (open.kind === 'message')
      return (
        this.#closeText(open) +
        this.#closeItem(open.index, messageItem(this.#token, open.index, status, open.text))
      );
    let out = '';
    if (open.summaryOpen) {
      const at = { item_id: open.id, output_index: open.index, summary_index: 0 };
      out +=
        this.#event('response.reasoning_summary_text.done', { ...at, text: open.text }) +
        this.#event('response.reasoning_summary_part.done', {
          ...at,
          part: { type: 'summary_text', text: open.text },
        });
    }
    return out + this.#closeItem(open.index, reasoningItem(this.#token, open.index, reasoningSource(open)));
  }

  #closeText(open: OpenMessage): string {
    const at = { item_id: open.id, output_index: open.index, content_index: 0 };
    return (
      this.#event('response.output_text.done', { ...at, text: open.text, logprobs: [] }) +
      this.#event('response.content_part.done', {
        ...at,
        part: { type: 'output_text', text: open.text, annotations: [] },
      })
    );
  }

  #closeItem(index: number, item: ConversationItem): string {
    this.#output[index] = item;
    return this.#event('response.output_item.done', { output_index: index, item });
  }

  /** The output of a response that failed: finished items, then open ones as `incomplete`. */
  #outputSoFar(): ConversationItem[] {
    const output = [...this.#output];
    const open = this.#open;
    if (open?.kind === 'message')
      output[open.index] = messageItem(this.#token, open.index, 'incomplete', open.text);
    else if (open?.kind === 'reasoning')
      output[open.index] = reasoningItem(this.#token, open.index, reasoningSource(open));
    for (const call of this.#calls.values()) {
      output[call.index] = functionCallItem(this.#token, call.index, call.toolIndex, 'incomplete', {
        id: call.callId,
        name: call.name,
        arguments: call.arguments,
        signature: call.signature,
      });
    }
    return output.filter((item): item is ConversationItem => item !== undefined);
  }
}

function reasoningSource(open: OpenReasoning) {
  return {
    text: open.text,
    signature: open.signature,
    id: open.providerId,
    redacted: open.redacted,
  };
}
