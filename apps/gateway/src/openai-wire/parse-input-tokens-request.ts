import { type CompletionRequest, ConnectorError } from '@hub/core';
import type { ConversationItem } from '../responses-wire/conversation-item.js';
import { itemsToMessages } from '../responses-wire/items-to-messages.js';
import { normalizeInput } from '../responses-wire/normalize-input.js';
import { newResponseIds } from '../responses-wire/response-ids.js';
import { responsesBodySchema } from '../responses-wire/responses-body-schema.js';
import { responsesBodyToRequest } from '../responses-wire/responses-body-to-request.js';
import { parseWithSchema } from '../wire/parse-with-schema.js';
import { openAIFieldPath } from './openai-field-path.js';

const invalid = (field: string, problem: string): ConnectorError =>
  new ConnectorError('invalid_request', `Invalid request: '${field}' ${problem}`, { field });

/**
 * Turns the body of `POST /v1/responses/input_tokens` — a Responses create body — into the
 * unified request to count, with the parser of `POST /v1/responses` (same schema and bounds, same
 * items to messages, same tools, tool choice, output format and reasoning effort), so the count is
 * of exactly what a create call with the same body would send: reasoning items keep their
 * encrypted content, `text.format` its schema. Generation settings (`max_output_tokens`, …) are
 * read but not counted. `instructions` alone is something to count.
 *
 * Counting is stateless: `previous_response_id` and `item_reference` items, which a create call
 * resolves against stored responses, are refused rather than counted as if absent.
 *
 * @throws ConnectorError `invalid_request` naming the OpenAI parameter (`input[2].content[0].text`,
 * `previous_response_id`, `input` when there is nothing to count); 413 for a size bound.
 */
export function parseInputTokensRequest(body: unknown): CompletionRequest {
  const parsed = parseWithSchema(responsesBodySchema, body, openAIFieldPath);
  if (parsed.previous_response_id !== undefined && parsed.previous_response_id !== null) {
    throw invalid(
      'previous_response_id',
      'is not supported when counting input tokens: send the conversation’s items in input.',
    );
  }
  const items: ConversationItem[] = [];
  // the token only names the items that came without an id; such ids are never forwarded
  for (const entry of normalizeInput(parsed.input, newResponseIds().token)) {
    if ('reference' in entry) {
      throw invalid(
        `input[${entry.index}]`,
        'is an item_reference, which is not supported when counting input tokens: send the item itself.',
      );
    }
    items.push(entry.item);
  }
  const messages = itemsToMessages(parsed.instructions ?? null, items);
  if (messages.length === 0) throw invalid('input', "is required (or 'instructions').");
  return responsesBodyToRequest(parsed, messages, []);
}
