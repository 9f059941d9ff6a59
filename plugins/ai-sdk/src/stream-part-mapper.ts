import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { FinishChunk, StreamChunk, Usage } from '@hub/core';
import { reasoningMetadata } from './convert-hub-response.js';
import { convertHubUsage } from './convert-hub-usage.js';
import { hubProviderMetadata } from './hub-response-metadata.js';
import { HUB_KEY } from './internal/hub-key.js';
import { generatedToolCallId, toolInput } from './internal/tool-call-id.js';
import { mapHubFinishReason } from './map-hub-finish-reason.js';

interface OpenReasoning {
  readonly partId: string;
  itemId: string | undefined;
  redacted: boolean;
}

interface ToolCallDraft {
  id: string | undefined;
  name: string | undefined;
  arguments: string;
  signature: string | undefined;
  started: boolean;
}

/**
 * Turns hub stream chunks into AI SDK stream parts, in the specification's order:
 *
 * ```text
 *   text-delta ........... text-start (first of a run) → text-delta
 *   reasoning-delta ...... reasoning-start (first of a block) → reasoning-delta
 *                          → reasoning-end with providerMetadata.hub { signature, id, redacted }
 *                            when the chunk carries the block's signature
 *   tool-call-delta ...... tool-input-start (once the name is known) → tool-input-delta
 *   finish ............... open blocks end → per tool call: tool-input-end → tool-call
 *                          → response-metadata → finish
 * ```
 *
 * A text run ends when reasoning or a tool call starts, and a reasoning block ends when text or a
 * tool call starts, when a signature closes it, or when the provider's reasoning item id changes
 * (as `foldStream` splits them), so the parts the AI SDK assembles match what `hub.complete`
 * returns. Work per chunk is constant, apart from tool calls kept until `finish` (one entry per
 * call the upstream started).
 */
export class StreamPartMapper {
  #textId: string | undefined;
  #reasoning: OpenReasoning | undefined;
  #counter = 0;
  readonly #toolCalls = new Map<number, ToolCallDraft>();
  #usage: Usage | undefined;
  #finished = false;

  /** True once the `finish` chunk was mapped; later chunks are ignored (a provider bug). */
  get finished(): boolean {
    return this.#finished;
  }

  /** Appends the parts for `chunk` to `out`. */
  push(chunk: StreamChunk, out: LanguageModelV3StreamPart[]): void {
    if (this.#finished) return;
    switch (chunk.type) {
      case 'text-delta':
        if (chunk.text === '') return;
        this.#endReasoning(out);
        if (this.#textId === undefined) {
          this.#textId = `text-${this.#counter++}`;
          out.push({ type: 'text-start', id: this.#textId });
        }
        out.push({ type: 'text-delta', id: this.#textId, delta: chunk.text });
        return;
      case 'reasoning-delta':
        this.#pushReasoning(chunk, out);
        return;
      case 'tool-call-delta':
        this.#pushToolCall(chunk, out);
        return;
      case 'usage':
        this.#usage = chunk.usage;
        return;
      case 'finish':
        this.#finish(chunk, out);
        return;
    }
  }

  #pushReasoning(
    chunk: Extract<StreamChunk, { type: 'reasoning-delta' }>,
    out: LanguageModelV3StreamPart[],
  ): void {
    this.#endText(out);
    const open = this.#reasoning;
    if (open !== undefined && chunk.id !== undefined && open.itemId !== undefined && chunk.id !== open.itemId)
      this.#endReasoning(out);
    let block = this.#reasoning;
    if (block === undefined) {
      block = { partId: `reasoning-${this.#counter++}`, itemId: undefined, redacted: false };
      this.#reasoning = block;
      out.push({ type: 'reasoning-start', id: block.partId });
    }
    if (chunk.id !== undefined) block.itemId = chunk.id;
    if (chunk.redacted === true) block.redacted = true;
    if (chunk.text !== '') out.push({ type: 'reasoning-delta', id: block.partId, delta: chunk.text });
    // a signature closes its block: the next reasoning delta starts a new one
    if (chunk.signature !== undefined) this.#endReasoning(out, chunk.signature);
  }

  #pushToolCall(
    chunk: Extract<StreamChunk, { type: 'tool-call-delta' }>,
    out: LanguageModelV3StreamPart[],
  ): void {
    let draft = this.#toolCalls.get(chunk.index);
    if (draft === undefined) {
      this.#endText(out);
      this.#endReasoning(out);
      draft = { id: undefined, name: undefined, arguments: '', signature: undefined, started: false };
      this.#toolCalls.set(chunk.index, draft);
    }
    if (chunk.id !== undefined && draft.id === undefined) draft.id = chunk.id;
    if (chunk.name !== undefined && draft.name === undefined) draft.name = chunk.name;
    if (chunk.signature !== undefined) draft.signature = chunk.signature;
    draft.arguments += chunk.argumentsDelta;
    if (draft.started) {
      if (chunk.argumentsDelta !== '')
        out.push({ type: 'tool-input-delta', id: draft.id as string, delta: chunk.argumentsDelta });
      return;
    }
    // tool-input-start needs the tool's name; fragments before it are sent with the start
    if (draft.name !== undefined) this.#startToolInput(draft, out);
  }

  #startToolInput(draft: ToolCallDraft, out: LanguageModelV3StreamPart[]): void {
    draft.id ??= generatedToolCallId();
    draft.started = true;
    out.push({ type: 'tool-input-start', id: draft.id, toolName: draft.name ?? '' });
    if (draft.arguments !== '') out.push({ type: 'tool-input-delta', id: draft.id, delta: draft.arguments });
  }

  #finish(chunk: FinishChunk, out: LanguageModelV3StreamPart[]): void {
    this.#endText(out);
    this.#endReasoning(out);
    for (const draft of this.#toolCalls.values()) {
      if (!draft.started) this.#startToolInput(draft, out);
      const id = draft.id as string;
      out.push({ type: 'tool-input-end', id });
      out.push({
        type: 'tool-call',
        toolCallId: id,
        toolName: draft.name ?? '',
        input: toolInput(draft.arguments),
        ...(draft.signature !== undefined && {
          providerMetadata: { [HUB_KEY]: { signature: draft.signature } },
        }),
      });
    }
    this.#toolCalls.clear();
    if (chunk.responseId !== undefined || chunk.model !== undefined) {
      out.push({
        type: 'response-metadata',
        ...(chunk.responseId !== undefined && { id: chunk.responseId }),
        ...(chunk.model !== undefined && { modelId: chunk.model }),
      });
    }
    out.push({
      type: 'finish',
      finishReason: mapHubFinishReason(chunk.finishReason),
      usage: convertHubUsage(chunk.usage ?? this.#usage),
      providerMetadata: hubProviderMetadata({
        model: chunk.model,
        responseId: chunk.responseId,
        rateLimit: chunk.rateLimit,
        refusal: chunk.refusal,
      }),
    });
    this.#finished = true;
  }

  #endText(out: LanguageModelV3StreamPart[]): void {
    if (this.#textId === undefined) return;
    out.push({ type: 'text-end', id: this.#textId });
    this.#textId = undefined;
  }

  #endReasoning(out: LanguageModelV3StreamPart[], signature?: string): void {
    const block = this.#reasoning;
    if (block === undefined) return;
    this.#reasoning = undefined;
    const providerMetadata = reasoningMetadata({
      ...(signature !== undefined && { signature }),
      ...(block.itemId !== undefined && { id: block.itemId }),
      ...(block.redacted && { redacted: true }),
    });
    out.push({
      type: 'reasoning-end',
      id: block.partId,
      ...(providerMetadata !== undefined && { providerMetadata }),
    });
  }
}
