import { ConnectorError, type FinishChunk, type FinishReason, type StreamChunk } from '@hub/core';
import { generateGeminiCallId } from './gemini-call-id.js';
import type { GeminiPart, GeminiResponse, GeminiUsageMetadata } from './gemini-wire-types.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';

/** What `GeminiChunkMapper` needs to know about the call. */
export interface GeminiChunkMapperOptions {
  /** Set on errors and used in their messages. */
  readonly providerId: string;
  /** The requested model, reported when the response names none (`modelVersion`). */
  readonly model: string;
  /** Creates ids for function calls that arrive without one; default `generateGeminiCallId`. */
  readonly generateCallId?: () => string;
}

/**
 * Turns Gemini `GenerateContentResponse`s (a whole response, or each SSE event of a stream, which
 * is a complete response carrying the next piece) into unified stream chunks. One mapper serves
 * one call; the non-streaming path runs its single response through it too, so a response and
 * the folded stream of the same answer are identical.
 *
 * Only `candidates[0]` is read. Per part:
 * - `text` → `text-delta`; `thought: true` text → `reasoning-delta`;
 * - `functionCall` → one `tool-call-delta` with the whole call (Gemini never splits arguments),
 *   `arguments` being `JSON.stringify(args)`; a missing `id` is generated (`call_…`);
 * - `thoughtSignature` → on a function call, the `signature` of its `tool-call-delta` (so it
 *   travels on the tool call); on a thought part, the `signature` of the part's own
 *   `reasoning-delta`; on a text part, an empty `reasoning-delta` carrying it right after the text
 *   (the unified `TextPart` has no signature; `convertToGeminiContents` puts it back on the text).
 *
 * A prompt rejected outright (`promptFeedback.blockReason`, no candidates) throws a
 * `content_filter` `ConnectorError`, streaming or not, so the caller sees one outcome either way.
 */
export class GeminiChunkMapper {
  readonly #options: GeminiChunkMapperOptions;
  readonly #generateCallId: () => string;
  #toolIndex = 0;
  #finishReason: string | undefined;
  #usage: GeminiUsageMetadata | undefined;
  #modelVersion: string | undefined;
  #responseId: string | undefined;

  constructor(options: GeminiChunkMapperOptions) {
    this.#options = options;
    this.#generateCallId = options.generateCallId ?? generateGeminiCallId;
  }

  /** Whether a chunk with a `finishReason` has been seen. */
  get finished(): boolean {
    return this.#finishReason !== undefined;
  }

  /** The response id Gemini reported, if any. */
  get responseId(): string | undefined {
    return this.#responseId;
  }

  /**
   * Maps one response (or stream event) to chunks, appending them to `out`.
   *
   * @throws ConnectorError `content_filter` when the prompt was blocked.
   */
  map(response: GeminiResponse, out: StreamChunk[]): void {
    if (typeof response.modelVersion === 'string') this.#modelVersion = response.modelVersion;
    if (typeof response.responseId === 'string') this.#responseId = response.responseId;
    if (response.usageMetadata !== undefined) this.#usage = response.usageMetadata;
    const candidate = response.candidates?.[0];
    if (candidate === undefined) {
      const blockReason = response.promptFeedback?.blockReason;
      if (blockReason !== undefined)
        this.#throwBlocked(blockReason, response.promptFeedback?.blockReasonMessage);
      return;
    }
    const parts = candidate.content?.parts;
    if (Array.isArray(parts)) for (const part of parts) this.#mapPart(part, out);
    if (typeof candidate.finishReason === 'string' && candidate.finishReason !== '') {
      this.#finishReason = candidate.finishReason;
    }
  }

  /**
   * The `finish` chunk, after the last response was mapped.
   *
   * @param whenMissing - The reason to report when no response carried a `finishReason`; without
   *   it, that is an error (a stream that broke off).
   * @throws ConnectorError `stream` when no response carried a `finishReason` and `whenMissing`
   *   is not given.
   */
  finish(whenMissing?: FinishReason): FinishChunk {
    const reason = this.#finishReason;
    const { providerId } = this.#options;
    if (reason === undefined && whenMissing !== undefined) {
      return { ...this.#finishFields(), finishReason: whenMissing };
    }
    if (reason === undefined) {
      throw new ConnectorError('stream', 'The response ended without a finishReason.', {
        providerId,
        model: this.#options.model,
      });
    }
    return { ...this.#finishFields(), finishReason: mapGeminiFinishReason(reason, this.#toolIndex > 0) };
  }

  #finishFields(): Omit<FinishChunk, 'finishReason'> {
    return {
      type: 'finish',
      usage: mapGeminiUsage(this.#usage),
      model: this.#modelVersion ?? this.#options.model,
      ...(this.#responseId !== undefined && { responseId: this.#responseId }),
    };
  }

  #mapPart(part: GeminiPart, out: StreamChunk[]): void {
    const signature =
      typeof part.thoughtSignature === 'string' && part.thoughtSignature !== ''
        ? part.thoughtSignature
        : undefined;
    const call = part.functionCall;
    if (call !== undefined && call !== null) {
      out.push({
        type: 'tool-call-delta',
        index: this.#toolIndex++,
        id: typeof call.id === 'string' && call.id !== '' ? call.id : this.#generateCallId(),
        name: typeof call.name === 'string' ? call.name : '',
        argumentsDelta: JSON.stringify(call.args ?? {}),
        ...(signature !== undefined && { signature }),
      });
      return;
    }
    const text = typeof part.text === 'string' ? part.text : '';
    if (part.thought === true) {
      if (text === '' && signature === undefined) return;
      // a signed delta closes its reasoning part when folded, so later thoughts start a new part
      out.push({ type: 'reasoning-delta', text, ...(signature !== undefined && { signature }) });
      return;
    }
    if (text !== '') out.push({ type: 'text-delta', text });
    if (signature !== undefined) out.push({ type: 'reasoning-delta', text: '', signature });
  }

  #throwBlocked(reason: string, detail: string | undefined): never {
    const { providerId, model } = this.#options;
    const suffix = detail === undefined || detail === '' ? '' : `: ${detail}`;
    throw new ConnectorError('content_filter', `The prompt was blocked (${reason})${suffix}.`, {
      providerId,
      model,
      providerCode: reason,
    });
  }
}
