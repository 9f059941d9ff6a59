import type { StreamChunk } from '@hub/core';
import type { StreamEncoder } from '../wire/wire-format.js';
import { toOpenAIError } from './to-openai-error.js';
import { toOpenAIFinishReason } from './to-openai-finish-reason.js';
import { toOpenAIUsage } from './to-openai-usage.js';

/**
 * Encodes unified stream chunks as OpenAI `chat.completion.chunk` SSE frames, byte-compatible
 * with OpenAI's stream: a first chunk carrying the assistant role, content and tool-call deltas,
 * a chunk with the finish reason, an optional usage chunk with empty `choices`, then `[DONE]`.
 * A failure after the headers is a data frame holding OpenAI's `error` object, which the
 * official SDKs raise as an error.
 */
export class ChatChunkEncoder implements StreamEncoder {
  readonly #id: string;
  readonly #created: number;
  readonly #model: string | (() => string);
  readonly #includeUsage: boolean;
  #prefixText: string | undefined;
  #roleSent = false;

  /**
   * @param model - the `model` every frame names, or a function read once, at the first frame
   *   (the target answering is known by then, not when the encoder is made).
   */
  constructor(id: string, created: number, model: string | (() => string), includeUsage: boolean) {
    this.#id = id;
    this.#created = created;
    this.#model = model;
    this.#includeUsage = includeUsage;
  }

  // every frame shares this prefix; building it once keeps per-chunk work to one stringify
  get #prefix(): string {
    if (this.#prefixText === undefined) {
      const model = typeof this.#model === 'string' ? this.#model : this.#model();
      this.#prefixText = `data: {"id":${JSON.stringify(this.#id)},"object":"chat.completion.chunk","created":${this.#created},"model":${JSON.stringify(model)},"system_fingerprint":null,"choices":`;
    }
    return this.#prefixText;
  }

  /** The SSE frames for one chunk (possibly none). */
  encode(chunk: StreamChunk): string {
    switch (chunk.type) {
      case 'text-delta':
        return this.#choice(`{"content":${JSON.stringify(chunk.text)}}`, 'null');
      case 'tool-call-delta': {
        const call: Record<string, unknown> = { index: chunk.index };
        if (chunk.id !== undefined) call.id = chunk.id;
        if (chunk.id !== undefined || chunk.name !== undefined) call.type = 'function';
        call.function =
          chunk.name !== undefined
            ? { name: chunk.name, arguments: chunk.argumentsDelta }
            : { arguments: chunk.argumentsDelta };
        return this.#choice(`{"tool_calls":[${JSON.stringify(call)}]}`, 'null');
      }
      case 'reasoning-delta':
      case 'usage':
        return '';
      case 'finish': {
        let frames = this.#choice('{}', JSON.stringify(toOpenAIFinishReason(chunk.finishReason)));
        if (this.#includeUsage && chunk.usage !== undefined) {
          frames += `${this.#prefix}[],"usage":${JSON.stringify(toOpenAIUsage(chunk.usage))}}\n\n`;
        }
        return `${frames}data: [DONE]\n\n`;
      }
    }
  }

  /** The frame reporting a failure mid-stream (no `[DONE]` follows it). */
  errorFrame(error: unknown): string {
    return `data: ${JSON.stringify(toOpenAIError(error).body)}\n\n`;
  }

  #choice(delta: string, finishReason: string): string {
    let body = delta;
    if (!this.#roleSent) {
      this.#roleSent = true;
      // OpenAI's first delta carries the role; merge it into this chunk's delta
      body = delta === '{}' ? '{"role":"assistant","content":""}' : `{"role":"assistant",${delta.slice(1)}`;
    }
    return `${this.#prefix}[{"index":0,"delta":${body},"logprobs":null,"finish_reason":${finishReason}}]}\n\n`;
  }
}
