import { ConnectorError } from '@hub/core';
import type { ResponseStore } from '../responses-store/response-store.js';
import type { StoredResponse } from '../responses-store/stored-response.js';
import type { WireCallContext } from '../wire/wire-format.js';
import type { ConversationItem } from './conversation-item.js';
import { itemsToMessages } from './items-to-messages.js';
import type { ResponsesRequest } from './parse-responses-request.js';
import { parseGatewayItemId } from './response-ids.js';

/**
 * Longest conversation `previous_response_id` may continue, in responses. Each stored response
 * lists the ids of those before it, so this bounds that list and the reads of one request.
 */
export const MAX_CONVERSATION_DEPTH = 1_000;

/**
 * Loads what a request refers to from the store and builds its full messages: with
 * `previous_response_id`, the earlier responses' input and output items come first (the spec's
 * `previous.input + previous.output + input`, recursively; `instructions` are not carried over,
 * as in OpenAI's API); each `item_reference` is replaced by the item it names — found among the
 * conversation's items, or in the stored response its id names. Only the caller's own responses
 * are visible: another key's response reads as unknown.
 *
 * @throws ConnectorError `not_found` (404) naming `previous_response_id` or `input[n]` for an
 * unknown, expired or deleted response or item, `invalid_request` past `MAX_CONVERSATION_DEPTH`;
 * the store's 503 when it cannot answer.
 */
export async function resolveConversation(
  parsed: ResponsesRequest,
  store: ResponseStore,
  call: WireCallContext,
): Promise<ResponsesRequest> {
  const references = parsed.input.some((entry) => 'reference' in entry);
  if (parsed.previousResponseId === null && !references) {
    // nothing to load: the messages `parse` built are already complete
    const input = parsed.input.map((entry) => (entry as { item: ConversationItem }).item);
    return { ...parsed, conversation: { context: [], input, ancestors: [] } };
  }
  const owner = call.caller ?? null;
  const visible = (entry: StoredResponse | undefined): StoredResponse | undefined =>
    entry !== undefined && entry.owner === owner ? entry : undefined;
  const context: ConversationItem[] = [];
  let ancestors: string[] = [];
  const previousId = parsed.previousResponseId;
  if (previousId !== null) {
    const previous = visible(await store.get(previousId, call.signal));
    if (previous === undefined) throw unknownResponse(previousId);
    if (previous.ancestors.length + 1 > MAX_CONVERSATION_DEPTH) {
      throw new ConnectorError(
        'invalid_request',
        `Invalid request: 'previous_response_id' continues a conversation of more than ${MAX_CONVERSATION_DEPTH} responses (limit maxConversationDepth); start a new one with the full input.`,
        { field: 'previous_response_id' },
      );
    }
    const earlier = await store.getMany(previous.ancestors, call.signal);
    for (const entry of earlier) {
      const kept = visible(entry);
      if (kept === undefined) {
        throw new ConnectorError(
          'not_found',
          `Part of the conversation of previous_response_id '${previousId}' expired or was deleted; start a new one with the full input.`,
          { field: 'previous_response_id' },
        );
      }
      context.push(...kept.input, ...kept.response.output);
    }
    context.push(...previous.input, ...previous.response.output);
    ancestors = [...previous.ancestors, previous.id];
  }

  const input = await resolveReferences(parsed, context, store, call.signal, visible);
  return {
    ...parsed,
    request: { ...parsed.request, messages: itemsToMessages(parsed.instructions, [...context, ...input]) },
    conversation: { context, input, ancestors },
  };
}

async function resolveReferences(
  parsed: ResponsesRequest,
  context: readonly ConversationItem[],
  store: ResponseStore,
  signal: AbortSignal,
  visible: (entry: StoredResponse | undefined) => StoredResponse | undefined,
): Promise<ConversationItem[]> {
  const references = parsed.input.filter((entry) => 'reference' in entry);
  if (references.length === 0) return parsed.input.map((entry) => (entry as { item: ConversationItem }).item);
  // item id → item, over the conversation and every stored response a reference names
  const known = new Map<string, ConversationItem>();
  for (const item of context) known.set(item.id, item);
  const responseIds = new Set<string>();
  for (const entry of references) {
    const id = (entry as { reference: string }).reference;
    const made = known.has(id) ? undefined : parseGatewayItemId(id);
    if (made !== undefined) responseIds.add(made.responseId);
  }
  const ids = [...responseIds];
  const entries = await store.getMany(ids, signal);
  for (const entry of entries) {
    const kept = visible(entry);
    if (kept === undefined) continue;
    for (const item of kept.input) known.set(item.id, item);
    for (const item of kept.response.output) known.set(item.id, item);
  }
  return parsed.input.map((entry) => {
    if ('item' in entry) return entry.item;
    const item = known.get(entry.reference);
    if (item === undefined) {
      const field = `input[${entry.index}]`;
      throw new ConnectorError(
        'not_found',
        `Item '${entry.reference}' of ${field} (item_reference) was not found: it must belong to a response stored with store: true that has not expired.`,
        { field },
      );
    }
    return item;
  });
}

function unknownResponse(id: string): ConnectorError {
  return new ConnectorError(
    'not_found',
    `Response '${id}' was not found (never stored, expired or deleted).`,
    { field: 'previous_response_id' },
  );
}
