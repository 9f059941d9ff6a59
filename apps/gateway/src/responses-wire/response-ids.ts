import { randomBytes } from 'node:crypto';

/**
 * Ids of responses and of the items the gateway makes. A response id is `resp_` and a token of
 * 128 random bits, so ids cannot be guessed (a stored response is read by its id). Every item the
 * gateway names carries its response's token and its place:
 *
 * ```
 * resp_<token>            the response
 * msg_<token>_o<n>        output item n (msg, fc, rs); rs_<token>_o<n>r: reasoning the provider
 *                         redacted (sent back as redacted reasoning)
 * msg_<token>_i<n>        input item n of that request (msg, fc, fco, rs), when the client gave none
 * call_<token>_<n>        a tool call id the provider did not give
 * ```
 *
 * so an `item_reference` finds its response without an index, and an item sent back by a
 * stateless client tells the gateway which ids it made (never forwarded to providers).
 */
export interface ResponseIds {
  /** The 32 hex digits shared by the response and its items. */
  readonly token: string;
  /** `resp_<token>`. */
  readonly responseId: string;
}

const TOKEN = /^[0-9a-f]{32}$/;
const GATEWAY_ITEM = /^(msg|fc|fco|rs)_([0-9a-f]{32})_([io])(\d{1,6})(r?)$/;

/** Fresh ids for one response. */
export function newResponseIds(): ResponseIds {
  const token = randomBytes(16).toString('hex');
  return { token, responseId: `resp_${token}` };
}

/** The token of a response id, or undefined when `id` is not one the gateway made. */
export function tokenOfResponseId(id: string): string | undefined {
  const token = id.startsWith('resp_') ? id.slice(5) : '';
  return TOKEN.test(token) ? token : undefined;
}

/** The kinds of items the gateway names. */
export type ItemKind = 'msg' | 'fc' | 'fco' | 'rs';

/** The id of output item `index` (`redacted` marks redacted reasoning). */
export function outputItemId(kind: ItemKind, token: string, index: number, redacted = false): string {
  return `${kind}_${token}_o${index}${redacted ? 'r' : ''}`;
}

/** The id of input item `index` that came without one. */
export function inputItemId(kind: ItemKind, token: string, index: number): string {
  return `${kind}_${token}_i${index}`;
}

/** A tool call id for the call at `index` of a response whose provider gave none. */
export function toolCallId(token: string, index: number): string {
  return `call_${token}_${index}`;
}

/** What an id the gateway made says about its item. */
export interface GatewayItemId {
  /** The response it belongs to. */
  readonly responseId: string;
  /** True for reasoning the provider redacted (`rs_…r`). */
  readonly redacted: boolean;
}

/** Parses an item id; undefined when the gateway did not make it (a provider's or a client's id). */
export function parseGatewayItemId(id: string): GatewayItemId | undefined {
  const match = GATEWAY_ITEM.exec(id);
  if (match === null) return undefined;
  return { responseId: `resp_${match[2]}`, redacted: match[5] === 'r' };
}
