import type { StreamChunk, Usage } from '@hub/core';
import type { StreamEncoder } from '../wire/wire-format.js';
import { toAnthropicError } from './to-anthropic-error.js';
import { toAnthropicStopReason } from './to-anthropic-stop-reason.js';
import { toAnthropicUsage } from './to-anthropic-usage.js';

type OpenBlock =
  | { readonly kind: 'text' }
  | { readonly kind: 'thinking' }
  | { readonly kind: 'tool'; readonly toolIndex: number };

const frame = (type: string, data: Record<string, unknown>): string =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/**
 * Encodes unified stream chunks as Anthropic Messages SSE events: `message_start`, then per
 * content block `content_block_start` / `content_block_delta`* / `content_block_stop`, then
 * `message_delta` (stop reason and usage) and `message_stop`. A new block opens whenever the
 * kind of content changes or a different tool call starts, as Anthropic's own stream does.
 * A failure after the headers is an `error` event, as Anthropic sends an overload mid-stream.
 */
export class MessageEventEncoder implements StreamEncoder {
  readonly #id: string;
  readonly #model: string | (() => string);
  readonly #newToolId: () => string;
  #started = false;
  #open: OpenBlock | undefined;
  #blockIndex = -1;
  #usage: Usage | undefined;

  /**
   * @param model - the `model` of `message_start`, or a function read when it is written (the
   *   target answering is known by then, not when the encoder is made).
   * @param newToolId - ids for tool calls whose provider sent none (Anthropic clients need one).
   */
  constructor(id: string, model: string | (() => string), newToolId: () => string) {
    this.#id = id;
    this.#model = model;
    this.#newToolId = newToolId;
  }

  /** The SSE events for one chunk (the first call also writes `message_start`). */
  encode(chunk: StreamChunk): string {
    let out = this.#start();
    switch (chunk.type) {
      case 'text-delta':
        if (chunk.text === '') return out;
        if (this.#open?.kind !== 'text') out += this.#openBlock({ kind: 'text' }, { type: 'text', text: '' });
        return out + this.#delta({ type: 'text_delta', text: chunk.text });
      case 'reasoning-delta':
        if (chunk.redacted === true) {
          out += this.#openBlock(
            { kind: 'thinking' },
            { type: 'redacted_thinking', data: chunk.signature ?? '' },
          );
          return out + this.#closeBlock();
        }
        if (this.#open?.kind !== 'thinking')
          out += this.#openBlock({ kind: 'thinking' }, { type: 'thinking', thinking: '', signature: '' });
        if (chunk.text !== '') out += this.#delta({ type: 'thinking_delta', thinking: chunk.text });
        if (chunk.signature !== undefined) {
          // a signature ends its reasoning block: the next reasoning delta starts a new one
          out += this.#delta({ type: 'signature_delta', signature: chunk.signature });
          out += this.#closeBlock();
        }
        return out;
      case 'tool-call-delta': {
        const open = this.#open;
        if (open?.kind !== 'tool' || open.toolIndex !== chunk.index) {
          out += this.#openBlock(
            { kind: 'tool', toolIndex: chunk.index },
            { type: 'tool_use', id: chunk.id ?? this.#newToolId(), name: chunk.name ?? '', input: {} },
          );
        }
        if (chunk.argumentsDelta !== '')
          out += this.#delta({ type: 'input_json_delta', partial_json: chunk.argumentsDelta });
        return out;
      }
      case 'usage':
        this.#usage = chunk.usage;
        return out;
      case 'finish': {
        const usage = chunk.usage ?? this.#usage;
        out += this.#closeBlock();
        out += frame('message_delta', {
          delta: { stop_reason: toAnthropicStopReason(chunk.finishReason), stop_sequence: null },
          usage: usage === undefined ? { output_tokens: 0 } : toAnthropicUsage(usage),
        });
        return out + frame('message_stop', {});
      }
    }
  }

  /** The `error` event reporting a failure mid-stream (no `message_stop` follows it). */
  errorFrame(error: unknown): string {
    return `event: error\ndata: ${JSON.stringify(toAnthropicError(error).body)}\n\n`;
  }

  #start(): string {
    if (this.#started) return '';
    this.#started = true;
    return frame('message_start', {
      message: {
        id: this.#id,
        type: 'message',
        role: 'assistant',
        model: typeof this.#model === 'string' ? this.#model : this.#model(),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // counts arrive at the end of the stream; message_delta carries them
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    });
  }

  #openBlock(block: OpenBlock, contentBlock: Record<string, unknown>): string {
    const closed = this.#closeBlock();
    this.#open = block;
    this.#blockIndex += 1;
    return `${closed}${frame('content_block_start', { index: this.#blockIndex, content_block: contentBlock })}`;
  }

  #delta(delta: Record<string, unknown>): string {
    return frame('content_block_delta', { index: this.#blockIndex, delta });
  }

  #closeBlock(): string {
    if (this.#open === undefined) return '';
    this.#open = undefined;
    return frame('content_block_stop', { index: this.#blockIndex });
  }
}
