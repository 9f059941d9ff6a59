import type { CallOptions, CompletionRequest, EmbeddingRequest, Hub } from '@hub/core';
import type { WireErrorReply } from '../wire/wire-format.js';

/**
 * One endpoint answered by a single, non-streamed hub call other than a completion: embeddings
 * (`hub.embed`) and token counts (`hub.countTokens`), in OpenAI's or Anthropic's shape. The
 * shared handler (`registerHubCallRoute`) does the rest the way `registerWireRoute` does for
 * completions — request id, virtual key, parse, key policy, deadlines, cancellation when the
 * client leaves, errors in the route's shape — so such an endpoint is one of these objects.
 *
 * Every member is pure: no I/O, no access to the HTTP request.
 */
export interface HubCallRoute<Parsed, Result> {
  /** Short name for logs (`openai-embeddings`). */
  readonly name: string;
  /** Served with `POST`. */
  readonly path: string;
  /**
   * Validates a parsed JSON body.
   *
   * @throws ConnectorError `invalid_request` whose `field` names the offending field in the
   * route's naming (`GatewayRequestError` with status 413 for a count bound).
   */
  parse(body: unknown): Parsed;
  /** The route alias or `provider/model` the call goes to, checked against the key's allow-list. */
  modelOf(parsed: Parsed): string;
  /**
   * What governance does with the call: `embed` is billed (a budget reservation, settled at the
   * response's cost, and a ledger row); `count-tokens` is free (key, model lists and requests per
   * minute only).
   */
  readonly operation: 'embed' | 'count-tokens';
  /** The unified request the hub call sends, for the cost estimate (its `model` is `modelOf`). */
  requestOf(parsed: Parsed): CompletionRequest | EmbeddingRequest;
  /** The hub call. */
  call(hub: Hub, parsed: Parsed, options: CallOptions): Promise<Result>;
  /** The body of the answer. */
  toResponse(result: Result, parsed: Parsed): unknown;
  /** Any thrown value as this route's error reply. */
  toErrorReply(error: unknown): WireErrorReply;
}
