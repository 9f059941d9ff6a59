import type { ConversationItem } from '../responses-wire/conversation-item.js';
import type { GatewayResponse } from '../responses-wire/gateway-response.js';

/**
 * One response as the store keeps it (`store: true`): the request's own input items and the
 * response as it was returned. A conversation is a chain: each response names the responses
 * before it, so continuing one loads the chain's items without copying them into every entry.
 */
export interface StoredResponse {
  /** `resp_…`. */
  readonly id: string;
  /** The virtual key that created it; null on an open gateway. Other keys cannot see it. */
  readonly owner: string | null;
  /** Ids of the earlier responses of its conversation, oldest first (empty for a first turn). */
  readonly ancestors: readonly string[];
  /** The input items of its own request, normalized, references resolved. */
  readonly input: readonly ConversationItem[];
  /** The response as returned; its `output` holds the items the model produced. */
  readonly response: GatewayResponse;
}
