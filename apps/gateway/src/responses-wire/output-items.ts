import type { FinishReason } from '@hub/core';
import type { SignedFunctionCallItem } from './conversation-item.js';
import type { MessageItem, ReasoningItem, ResponseResource } from './open-responses-schemas.js';
import { outputItemId, toolCallId } from './response-ids.js';

/** The status of an item: `incomplete` only for the last item of an incomplete response. */
export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** How a finish reason ends a response: its status and, when incomplete, why. */
export interface ResponseEnding {
  readonly status: 'completed' | 'incomplete' | 'failed';
  readonly incompleteDetails: ResponseResource['incomplete_details'];
}

/**
 * The response status a finish reason gives: `length` and `content_filter` end it `incomplete`
 * (reasons `max_output_tokens` and `content_filter`, as OpenAI names them), a provider-reported
 * `error` ends it `failed`, anything else `completed` (`tool_calls`: the client runs them).
 */
export function endingOf(reason: FinishReason): ResponseEnding {
  if (reason === 'length')
    return { status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } };
  if (reason === 'content_filter')
    return { status: 'incomplete', incompleteDetails: { reason: 'content_filter' } };
  if (reason === 'error') return { status: 'failed', incompleteDetails: null };
  return { status: 'completed', incompleteDetails: null };
}

/** An assistant message item with one `output_text` part (and a refusal part when given). */
export function messageItem(
  token: string,
  index: number,
  status: ItemStatus,
  text: string | undefined,
  refusal?: string,
): MessageItem {
  const content: MessageItem['content'] = [];
  if (text !== undefined) content.push({ type: 'output_text', text, annotations: [] });
  if (refusal !== undefined) content.push({ type: 'refusal', refusal });
  return { type: 'message', id: outputItemId('msg', token, index), status, role: 'assistant', content };
}

/** What a reasoning item is made of (a unified reasoning part, or one being streamed). */
export interface ReasoningSource {
  readonly text: string;
  readonly signature?: string | undefined;
  readonly id?: string | undefined;
  readonly redacted?: boolean | undefined;
}

/**
 * A reasoning item: the reasoning text as its one summary part, the provider's signature as
 * `encrypted_content`, the provider's item id when it gave one (else `rs_<token>_o<n>`, with `r`
 * for redacted reasoning).
 */
export function reasoningItem(token: string, index: number, source: ReasoningSource): ReasoningItem {
  return {
    type: 'reasoning',
    id: source.id ?? outputItemId('rs', token, index, source.redacted === true),
    summary: source.text === '' ? [] : [{ type: 'summary_text', text: source.text }],
    ...(source.signature !== undefined && { encrypted_content: source.signature }),
  };
}

/** What a function call item is made of. */
export interface FunctionCallSource {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
  readonly signature?: string | undefined;
}

/** A function call item; a call the provider gave no id gets `call_<token>_<n>`. */
export function functionCallItem(
  token: string,
  index: number,
  toolIndex: number,
  status: ItemStatus,
  call: FunctionCallSource,
): SignedFunctionCallItem {
  return {
    type: 'function_call',
    id: outputItemId('fc', token, index),
    call_id: call.id === '' ? toolCallId(token, toolIndex) : call.id,
    name: call.name,
    arguments: call.arguments,
    status,
    ...(call.signature !== undefined && { signature: call.signature }),
  };
}
