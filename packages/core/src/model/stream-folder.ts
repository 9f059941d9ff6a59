import type { CompletionResponse, RateLimitSnapshot, ResponseContentPart } from './completion-response.js';
import type { FinishReason } from './finish-reason.js';
import type { StreamChunk } from './stream-chunk.js';
import { EMPTY_USAGE, type Usage } from './usage.js';

interface ToolCallDraft {
  type: 'tool-call';
  id: string;
  name: string;
  arguments: string;
  signature?: string;
}

/** Where the folded response came from, for fields a stream never carries. */
export interface StreamOrigin {
  readonly provider: string;
  readonly model: string;
  /** Id to use when the stream reports none. */
  readonly id?: string;
}

/**
 * Folds stream chunks into a `CompletionResponse` incrementally, so a stream can be observed
 * as it passes without being buffered twice. Push every chunk with `push`, then call `result`.
 */
export class StreamFolder {
  readonly #origin: StreamOrigin;
  // tool-call drafts sit in `#parts` at the place they started and are completed in place
  readonly #parts: (ResponseContentPart | ToolCallDraft)[] = [];
  readonly #toolCalls = new Map<number, ToolCallDraft>();
  #text = '';
  #reasoning = '';
  #signature: string | undefined;
  #reasoningId: string | undefined;
  #redacted = false;
  #usage: Usage | undefined;
  #finishReason: FinishReason | undefined;
  #responseId: string | undefined;
  #model: string | undefined;
  #rateLimit: RateLimitSnapshot | undefined;
  #refusal: string | undefined;

  constructor(origin: StreamOrigin) {
    this.#origin = origin;
  }

  /** True once a `finish` chunk has been pushed. */
  get finished(): boolean {
    return this.#finishReason !== undefined;
  }

  /** Adds one chunk. Chunks after `finish` are a provider bug and are ignored. */
  push(chunk: StreamChunk): void {
    if (this.#finishReason !== undefined) return;
    switch (chunk.type) {
      case 'text-delta':
        this.#flushReasoning();
        this.#text += chunk.text;
        break;
      case 'reasoning-delta':
        this.#flushText();
        // a new item id starts a new reasoning part, even without a signature in between
        if (chunk.id !== undefined && this.#reasoningId !== undefined && chunk.id !== this.#reasoningId)
          this.#flushReasoning();
        if (chunk.id !== undefined) this.#reasoningId = chunk.id;
        this.#reasoning += chunk.text;
        if (chunk.redacted === true) this.#redacted = true;
        if (chunk.signature !== undefined) {
          // a signature closes its block: consecutive signed blocks stay separate parts
          this.#signature = chunk.signature;
          this.#flushReasoning();
        }
        break;
      case 'tool-call-delta':
        this.#pushToolCall(chunk.index, chunk.id, chunk.name, chunk.argumentsDelta, chunk.signature);
        break;
      case 'usage':
        this.#usage = chunk.usage;
        break;
      case 'finish':
        this.#finishReason = chunk.finishReason;
        if (chunk.usage !== undefined) this.#usage = chunk.usage;
        this.#responseId = chunk.responseId;
        this.#model = chunk.model;
        this.#rateLimit = chunk.rateLimit;
        this.#refusal = chunk.refusal;
        break;
    }
  }

  /**
   * The response folded so far. Call after `finish`; before it, the finish reason reads `other`
   * (useful only for diagnostics of a broken stream).
   */
  result(): CompletionResponse {
    this.#flushText();
    this.#flushReasoning();
    const content: ResponseContentPart[] = this.#parts.map((part) =>
      part.type === 'tool-call'
        ? {
            type: 'tool-call',
            id: part.id,
            name: part.name,
            arguments: part.arguments,
            ...(part.signature !== undefined && { signature: part.signature }),
          }
        : part,
    );
    let text = '';
    for (const part of content) if (part.type === 'text') text += part.text;
    return {
      id: this.#responseId ?? this.#origin.id ?? '',
      provider: this.#origin.provider,
      model: this.#model ?? this.#origin.model,
      text,
      content,
      finishReason: this.#finishReason ?? 'other',
      usage: this.#usage ?? EMPTY_USAGE,
      ...(this.#rateLimit !== undefined && { rateLimit: this.#rateLimit }),
      ...(this.#refusal !== undefined && { refusal: this.#refusal }),
    };
  }

  #pushToolCall(
    index: number,
    id: string | undefined,
    name: string | undefined,
    delta: string,
    signature: string | undefined,
  ): void {
    const draft = this.#toolCalls.get(index);
    if (draft === undefined) {
      this.#flushText();
      this.#flushReasoning();
      const created: ToolCallDraft = { type: 'tool-call', id: id ?? '', name: name ?? '', arguments: delta };
      if (signature !== undefined) created.signature = signature;
      this.#toolCalls.set(index, created);
      this.#parts.push(created);
      return;
    }
    if (id !== undefined && draft.id === '') draft.id = id;
    if (name !== undefined && draft.name === '') draft.name = name;
    if (signature !== undefined) draft.signature = signature;
    draft.arguments += delta;
  }

  // Text and reasoning alternate in some providers' output; each run becomes its own part so the
  // order the model produced them in survives.
  #flushText(): void {
    if (this.#text === '') return;
    this.#parts.push({ type: 'text', text: this.#text });
    this.#text = '';
  }

  #flushReasoning(): void {
    if (this.#reasoning === '' && this.#signature === undefined && this.#reasoningId === undefined) return;
    this.#parts.push({
      type: 'reasoning',
      text: this.#reasoning,
      ...(this.#signature !== undefined && { signature: this.#signature }),
      ...(this.#redacted && { redacted: true }),
      ...(this.#reasoningId !== undefined && { id: this.#reasoningId }),
    });
    this.#reasoning = '';
    this.#signature = undefined;
    this.#reasoningId = undefined;
    this.#redacted = false;
  }
}
