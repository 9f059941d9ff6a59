import { ConnectorError } from '@hub/core';
import { openAIFieldPath } from '../openai-wire/openai-field-path.js';
import { parseWithSchema } from '../wire/parse-with-schema.js';
import type { WireParseContext, WireRequest } from '../wire/wire-format.js';
import type { ConversationItem } from './conversation-item.js';
import { itemsToMessages } from './items-to-messages.js';
import { type InputEntry, normalizeInput } from './normalize-input.js';
import { newResponseIds, type ResponseIds } from './response-ids.js';
import { type ResponseSettings, toResponseSettings } from './response-settings.js';
import { responsesBodySchema } from './responses-body-schema.js';
import { responsesBodyToRequest } from './responses-body-to-request.js';

/** The conversation a request continues, once `resolve` loaded it. */
export interface ResolvedConversation {
  /** Items of the earlier responses of the conversation, oldest first: their inputs and outputs. */
  readonly context: readonly ConversationItem[];
  /** The request's own input, references replaced by the items they name. */
  readonly input: readonly ConversationItem[];
  /** Ids of the earlier responses of the conversation, oldest first (empty without one). */
  readonly ancestors: readonly string[];
}

/** A Responses request as the gateway understood it. */
export interface ResponsesRequest extends WireRequest {
  readonly ids: ResponseIds;
  /** Unix seconds. */
  readonly createdAt: number;
  /** What the response echoes. */
  readonly settings: ResponseSettings;
  readonly instructions: string | null;
  /** The input as sent, normalized; references unresolved. */
  readonly input: readonly InputEntry[];
  readonly previousResponseId: string | null;
  /** Whether to keep the response (`store`, default true). */
  readonly store: boolean;
  /** Set by `resolve`; undefined before. */
  readonly conversation: ResolvedConversation | undefined;
}

/**
 * Turns a Responses API body into a unified request. Every field is type-checked; errors name
 * the field as OpenAI does (`input[2].content[0].image_url`). The unified request's messages are
 * `instructions`, then the input items; a request that continues a conversation
 * (`previous_response_id`) or references stored items gets its full messages from `resolve`.
 *
 * @throws ConnectorError `invalid_request` naming the field; 413 for a size bound.
 */
export function parseResponsesRequest(
  body: unknown,
  context: Pick<WireParseContext, 'openAIProviders'>,
  now: () => number = Date.now,
): ResponsesRequest {
  const parsed = parseWithSchema(responsesBodySchema, body, openAIFieldPath);
  const ids = newResponseIds();
  const input = normalizeInput(parsed.input, ids.token);
  const previousResponseId = parsed.previous_response_id ?? null;
  if (input.length === 0 && previousResponseId === null) {
    throw new ConnectorError(
      'invalid_request',
      "Invalid request: 'input' is required (a string or a non-empty array of items) unless previous_response_id is given.",
      { field: 'input' },
    );
  }
  const instructions = parsed.instructions ?? null;
  const items: ConversationItem[] = [];
  for (const entry of input) if ('item' in entry) items.push(entry.item);
  const store = parsed.store ?? true;
  return {
    request: responsesBodyToRequest(parsed, itemsToMessages(instructions, items), context.openAIProviders),
    stream: parsed.stream === true,
    ids,
    createdAt: Math.floor(now() / 1000),
    settings: toResponseSettings(parsed, store),
    instructions,
    input,
    previousResponseId,
    store,
    conversation: undefined,
  };
}
