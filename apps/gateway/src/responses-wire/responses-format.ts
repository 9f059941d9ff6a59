import { openAIFieldPath } from '../openai-wire/openai-field-path.js';
import type { ResponseStore } from '../responses-store/response-store.js';
import type { StoredResponse } from '../responses-store/stored-response.js';
import type { WireCallContext, WireFormat } from '../wire/wire-format.js';
import type { ConversationItem } from './conversation-item.js';
import type { GatewayResponse } from './gateway-response.js';
import { parseResponsesRequest, type ResponsesRequest } from './parse-responses-request.js';
import { resolveConversation } from './resolve-conversation.js';
import { ResponseEventEncoder } from './response-event-encoder.js';
import { storedResponseRoutes } from './stored-response-routes.js';
import { toResponseResource } from './to-response-resource.js';
import { toResponsesError } from './to-responses-error.js';

/** Where `POST /v1/responses` is served. */
export const RESPONSES_PATH = '/v1/responses';

/** Options of `createResponsesFormat`. */
export interface ResponsesFormatOptions {
  /** Where responses created with `store: true` are kept. */
  readonly store: ResponseStore;
  /** Clock of `created_at` and `completed_at`, epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * `POST /v1/responses`: the Open Responses API (the OpenAI Responses API's open standard), plain
 * and streamed, over every configured provider; and `GET`/`DELETE /v1/responses/{id}`,
 * `GET /v1/responses/{id}/input_items` on the store. A request is parsed (`input` items,
 * `instructions`, function tools, `text.format`, …; what the gateway cannot honour is a 400
 * naming the field), resolved against the store (`previous_response_id`, `item_reference`), sent
 * through the hub like any other route, and answered as a `ResponseResource` or the spec's event
 * stream; with `store` (default true) the response is stored before its last byte is sent.
 * Errors use `{"error": {type, code, message, param}}`.
 */
export function createResponsesFormat(options: ResponsesFormatOptions): WireFormat<ResponsesRequest> {
  const { store } = options;
  const now = options.now ?? Date.now;

  const persist = async (
    response: GatewayResponse,
    parsed: ResponsesRequest,
    call: WireCallContext,
  ): Promise<void> => {
    if (!parsed.store) return;
    const entry: StoredResponse = {
      id: response.id,
      owner: call.caller ?? null,
      ancestors: parsed.conversation?.ancestors ?? [],
      input: parsed.conversation?.input ?? ownItems(parsed),
      response,
    };
    await store.put(entry, call.signal);
  };

  return {
    name: 'open-responses',
    path: RESPONSES_PATH,
    fieldPath: openAIFieldPath,
    parse: (body, context) => parseResponsesRequest(body, context, now),
    resolve: (parsed, call) => resolveConversation(parsed, store, call),
    toResponse: (response, parsed) => toResponseResource(response, parsed, Math.floor(now() / 1000)),
    commit: (body, parsed, call) => persist(body as GatewayResponse, parsed, call),
    createStreamEncoder: (parsed, call) =>
      new ResponseEventEncoder(parsed, {
        now,
        persist: (response) => persist(response, parsed, call),
        ...(call.answeredBy !== undefined && { model: call.answeredBy }),
      }),
    toErrorReply: toResponsesError,
    routes: storedResponseRoutes(RESPONSES_PATH, store),
  };
}

function ownItems(parsed: ResponsesRequest): ConversationItem[] {
  const items: ConversationItem[] = [];
  for (const entry of parsed.input) if ('item' in entry) items.push(entry.item);
  return items;
}
