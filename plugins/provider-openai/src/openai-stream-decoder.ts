import {
  ConnectorError,
  type FinishChunk,
  type FinishReason,
  type RateLimitSnapshot,
  type StreamChunk,
  toConnectorError,
  type Usage,
} from '@hub/core';
import type { SseEvent } from '@hub/provider-utils';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { drain, drainWithGrace } from './internal/drain-body.js';
import { mapOpenAIError } from './map-openai-error.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import type { OpenAIChatCompletionChunk, OpenAIToolCallDelta } from './openai-wire-types.js';

/**
 * An opened stream: its server-sent events and the rate-limit state of its response headers. The
 * events come either grouped by network read (`eventBatches`, from `decodeSseBatches`: the
 * decoder then awaits once per read) or one by one (`events`, from `decodeSse`).
 */
export type OpenAIStreamSource = {
  readonly rateLimit?: RateLimitSnapshot | undefined;
  /**
   * The call's deadline (`CallDeadline`), disposed once the body is done with: after a failure or
   * an early `return()`, or once the rest of the body after `[DONE]` was read.
   */
  readonly deadline?: { dispose(): void } | undefined;
} & (
  | {
      /** The events, each array those of one network read (never empty), in stream order. */
      readonly eventBatches: AsyncIterator<readonly SseEvent[]>;
      readonly events?: undefined;
    }
  | {
      /** The events one at a time. */
      readonly events: AsyncIterator<SseEvent>;
      readonly eventBatches?: undefined;
    }
);

/** What `OpenAIStreamDecoder` needs. */
export interface OpenAIStreamDecoderOptions {
  readonly providerId: string;
  /** The requested model; reported when the chunks name none. */
  readonly model: string;
  /** Whether the stream must end with `data: [DONE]` (see `ChatCompletionsQuirks`). */
  readonly requireDoneMarker: boolean;
  /** Sends the request; called on the first `next()`, so nothing is sent before iteration. */
  readonly open: () => Promise<OpenAIStreamSource>;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
const DONE_MARKER = '[DONE]';

const IDLE = 0;
const OPEN = 1;
// `finish` went out; the rest of the body (usually only its end) is still to be read
const DRAINING = 2;
const CLOSED = 3;
const NO_EVENTS: readonly SseEvent[] = Object.freeze([]);

// `events` given one by one, as batches of one, so the decoder reads both kinds of source alike
class SingleEventBatches implements AsyncIterator<readonly SseEvent[]> {
  readonly #events: AsyncIterator<SseEvent>;

  constructor(events: AsyncIterator<SseEvent>) {
    this.#events = events;
  }

  async next(): Promise<IteratorResult<readonly SseEvent[]>> {
    const result = await this.#events.next();
    return result.done === true ? DONE : { done: false, value: [result.value] };
  }

  async return(): Promise<IteratorResult<readonly SseEvent[]>> {
    await this.#events.return?.();
    return DONE;
  }
}

/**
 * Turns a Chat Completions event stream into unified stream chunks, one pull at a time (no
 * buffering beyond the events of one network read, no Web Streams). Events already received are
 * decoded without awaiting anything, so `next()` awaits the body once per network read:
 *
 * - `delta.content` → `text-delta`; `delta.reasoning_content` / `delta.reasoning` (compatible
 *   servers) → `reasoning-delta`; `delta.refusal` is collected for the `finish` chunk;
 * - `delta.tool_calls[]` → `tool-call-delta` with the wire `index`, so fragments split across
 *   chunks re-assemble by index (`foldStream`); servers that omit `index` get one assigned per new
 *   tool-call id;
 * - `finish` is emitted last, at `data: [DONE]`, carrying the finish reason, the usage of the
 *   `include_usage` chunk (absent when the server sent none), the response id, model, refusal and
 *   rate-limit state. A refusal without text finishes as `content_filter`.
 *
 * Failures: a body that ends before `[DONE]` (or, with `requireDoneMarker` off, before any
 * `finish_reason`) or breaks mid-way throws `stream`; an event that is not JSON throws `parse`;
 * an `{"error":…}` event throws the mapped error; abort gives `cancelled`. After a failure or
 * `return()` the connection is closed.
 */
export class OpenAIStreamDecoder implements AsyncIterableIterator<StreamChunk> {
  readonly #options: OpenAIStreamDecoderOptions;
  #state = IDLE;
  #batches: AsyncIterator<readonly SseEvent[]> | undefined;
  // the events of the last network read, decoded one at a time as the consumer pulls
  #batch: readonly SseEvent[] = NO_EVENTS;
  #batchIndex = 0;
  #deadline: { dispose(): void } | undefined;
  readonly #queue: StreamChunk[] = [];
  #head = 0;
  #rateLimit: RateLimitSnapshot | undefined;
  #responseId: string | undefined;
  #model: string | undefined;
  #finishReason: string | undefined;
  #usage: Usage | undefined;
  #refusal = '';
  #sawText = false;
  #sawToolCall = false;
  #toolIndexById: Map<string, number> | undefined;
  #lastToolIndex = 0;
  #nextToolIndex = 0;

  constructor(options: OpenAIStreamDecoderOptions) {
    this.#options = options;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamChunk>> {
    // chunks already decoded, or decodable from events already received, resolve without an
    // async function frame or an await: most pulls of a stream end here
    if (this.#head < this.#queue.length) return Promise.resolve(this.#shift());
    if (this.#state === OPEN && this.#batchIndex < this.#batch.length) {
      try {
        if (this.#decodeBuffered()) return Promise.resolve(this.#shift());
      } catch (error) {
        return Promise.reject(this.#fail(error));
      }
    }
    return this.#pull();
  }

  async #pull(): Promise<IteratorResult<StreamChunk>> {
    if (this.#state === CLOSED) return DONE;
    try {
      if (this.#state === IDLE) {
        const source = await this.#options.open();
        this.#batches =
          source.eventBatches === undefined ? new SingleEventBatches(source.events) : source.eventBatches;
        this.#rateLimit = source.rateLimit;
        this.#deadline = source.deadline;
        this.#state = OPEN;
      }
      const batches = this.#batches!;
      if (this.#state === DRAINING) {
        this.#state = CLOSED;
        await drainWithGrace(batches, this.#deadline);
        return DONE;
      }
      // the events of the last network read are decoded first; the body is awaited only once
      // they are used up, so a read bringing fifty events costs one await, not fifty
      while (!this.#decodeBuffered()) {
        const result = await batches.next();
        if (result.done === true) return this.#ended();
        this.#batch = result.value;
        this.#batchIndex = 0;
      }
      return this.#shift();
    } catch (error) {
      throw this.#fail(error);
    }
  }

  async return(): Promise<IteratorResult<StreamChunk>> {
    // nothing is handed out after `return()`, not even chunks decoded already
    this.#queue.length = 0;
    this.#head = 0;
    this.#batch = NO_EVENTS;
    if (this.#state === DRAINING) {
      // the answer is complete: keep the connection by reading its end without the consumer
      this.#state = CLOSED;
      void drain(this.#batches!, this.#deadline);
    } else if (this.#state !== CLOSED) {
      this.#close();
      try {
        await this.#batches?.return?.();
      } catch {
        // the consumer is leaving; a failure to close an already broken body changes nothing
      }
    }
    return DONE;
  }

  /**
   * Decodes buffered events, in order, until one yields chunks or is `[DONE]` (true: the queue
   * holds a chunk) or the buffered events ran out (false). One event at a time, so a malformed
   * event fails only after the chunks of the events before it went out.
   */
  #decodeBuffered(): boolean {
    const batch = this.#batch;
    while (this.#batchIndex < batch.length) {
      const data = (batch[this.#batchIndex++] as SseEvent).data;
      if (data === DONE_MARKER) {
        this.#batch = NO_EVENTS;
        this.#batchIndex = 0;
        this.#queue.push(this.#finishChunk());
        this.#state = DRAINING;
        return true;
      }
      this.#read(data);
      if (this.#head < this.#queue.length) return true;
    }
    return false;
  }

  #shift(): IteratorResult<StreamChunk> {
    const queue = this.#queue;
    const head = this.#head;
    if (head === 0 && queue.length === 1) {
      // the usual case, one chunk per event: `pop()` empties the queue without the runtime call
      // that `length = 0` costs
      return { done: false, value: queue.pop()! };
    }
    const value = queue[head]!;
    if (head + 1 === queue.length) {
      queue.length = 0;
      this.#head = 0;
    } else {
      this.#head = head + 1;
    }
    return { done: false, value };
  }

  #ended(): IteratorResult<StreamChunk> {
    if (!this.#options.requireDoneMarker && this.#finishReason !== undefined) {
      this.#close();
      return { done: false, value: this.#finishChunk() };
    }
    const { providerId, model } = this.#options;
    throw new ConnectorError('stream', 'The stream ended before it was complete (no [DONE]).', {
      providerId,
      model,
    });
  }

  #close(): void {
    this.#state = CLOSED;
    this.#deadline?.dispose();
  }

  #fail(error: unknown): ConnectorError {
    const opened = this.#state !== IDLE;
    const batches = this.#batches;
    this.#close();
    this.#queue.length = 0;
    this.#head = 0;
    this.#batch = NO_EVENTS;
    // closes the connection when the failure was ours (parse, error event), not the body's
    batches?.return?.().catch(() => {});
    const { providerId, model } = this.#options;
    if (ConnectorError.isInstance(error)) {
      if (opened && error.code === 'network') {
        return new ConnectorError('stream', `The stream broke off: ${error.message}`, {
          providerId,
          model,
          cause: error,
        });
      }
      return error;
    }
    return toConnectorError(error, { providerId, model });
  }

  #read(data: string): void {
    let chunk: OpenAIChatCompletionChunk;
    try {
      chunk = JSON.parse(data);
    } catch (error) {
      throw this.#parseError(error);
    }
    if (typeof chunk !== 'object' || chunk === null) throw this.#parseError(undefined);
    if (chunk.error !== undefined && chunk.error !== null) {
      throw mapOpenAIError({ providerId: this.#options.providerId, bodyJson: chunk });
    }
    if (this.#responseId === undefined && typeof chunk.id === 'string') this.#responseId = chunk.id;
    if (this.#model === undefined && typeof chunk.model === 'string') this.#model = chunk.model;
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage !== undefined && usage !== null) this.#usage = convertOpenAIUsage(usage);
    const choice = chunk.choices?.[0];
    if (choice === undefined) return;
    const delta = choice.delta;
    if (delta !== undefined && delta !== null) {
      const queue = this.#queue;
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (typeof reasoning === 'string' && reasoning !== '')
        queue.push({ type: 'reasoning-delta', text: reasoning });
      const content = delta.content;
      if (typeof content === 'string' && content !== '') {
        this.#sawText = true;
        queue.push({ type: 'text-delta', text: content });
      }
      if (typeof delta.refusal === 'string') this.#refusal += delta.refusal;
      const toolCalls = delta.tool_calls;
      if (toolCalls !== undefined && toolCalls !== null) {
        for (const toolCall of toolCalls) this.#readToolCall(toolCall);
      } else if (delta.function_call !== undefined && delta.function_call !== null) {
        this.#readToolCall({ index: 0, function: delta.function_call });
      }
    }
    const reason = choice.finish_reason;
    if (typeof reason === 'string') this.#finishReason = reason;
  }

  #readToolCall(toolCall: OpenAIToolCallDelta): void {
    const id = typeof toolCall.id === 'string' && toolCall.id !== '' ? toolCall.id : undefined;
    const name = toolCall.function?.name;
    const argumentsDelta = toolCall.function?.arguments ?? '';
    if (id === undefined && (name === undefined || name === null) && argumentsDelta === '') return;
    const index = this.#toolIndex(toolCall.index, id);
    this.#sawToolCall = true;
    this.#queue.push({
      type: 'tool-call-delta',
      index,
      ...(id !== undefined && { id }),
      ...(typeof name === 'string' && name !== '' && { name }),
      argumentsDelta,
    });
  }

  #toolIndex(wireIndex: number | undefined, id: string | undefined): number {
    let index: number;
    if (typeof wireIndex === 'number') {
      index = wireIndex;
    } else if (id !== undefined) {
      // servers that omit `index` (some compatible ones) start each call with a new id
      this.#toolIndexById ??= new Map();
      const known = this.#toolIndexById.get(id);
      index = known ?? this.#nextToolIndex;
      if (known === undefined) this.#toolIndexById.set(id, index);
    } else {
      index = this.#lastToolIndex;
    }
    this.#lastToolIndex = index;
    if (index >= this.#nextToolIndex) this.#nextToolIndex = index + 1;
    return index;
  }

  #finishChunk(): FinishChunk {
    let finishReason: FinishReason =
      this.#finishReason === undefined
        ? this.#sawToolCall
          ? 'tool_calls'
          : 'stop'
        : mapOpenAIFinishReason(this.#finishReason);
    const refusal = this.#refusal === '' ? undefined : this.#refusal;
    if (refusal !== undefined && !this.#sawText) finishReason = 'content_filter';
    return {
      type: 'finish',
      finishReason,
      ...(this.#usage !== undefined && { usage: this.#usage }),
      ...(this.#responseId !== undefined && { responseId: this.#responseId }),
      model: this.#model ?? this.#options.model,
      ...(this.#rateLimit !== undefined && { rateLimit: this.#rateLimit }),
      ...(refusal !== undefined && { refusal }),
    };
  }

  #parseError(cause: unknown): ConnectorError {
    const { providerId, model } = this.#options;
    return new ConnectorError('parse', 'A stream event is not a valid JSON chunk.', {
      providerId,
      model,
      ...(cause !== undefined && { cause }),
    });
  }
}
