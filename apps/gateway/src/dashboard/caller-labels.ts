import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { presentedKey } from '../security/presented-key.js';
import { findVirtualKey } from '../security/virtual-keys.js';
import type { GatewayContext } from '../server/gateway-context.js';

/** Most database keys whose names are remembered; the oldest entry is dropped first. */
export const MAX_REMEMBERED_KEY_NAMES = 10_000;
/** How long a remembered name is used before the store is asked again (renames show up). */
export const KEY_NAME_TTL_MS = 60_000;

/** Names the key of each finished request for the Requests page; see `createCallerLabels`. */
export interface CallerLabels {
  /** The name of the key `request` presented, never the key; null for none, an open gateway or a refused key. */
  labelOf(request: FastifyRequest, status: number): Promise<string | null>;
}

/**
 * Config-file keys are named from the config (hash compared in constant time, as the route did).
 * Database keys are named by the governance store, asked once per key per `KEY_NAME_TTL_MS` and
 * remembered by the key's SHA-256 (bounded by `MAX_REMEMBERED_KEY_NAMES`, oldest first out), so
 * the Requests page adds no store lookup per call. A 401 is not looked up: the key was refused,
 * and looking up what a client sends at random would only fill the map.
 */
export function createCallerLabels(
  context: GatewayContext,
  options: { readonly now?: () => number } = {},
): CallerLabels {
  const now = options.now ?? Date.now;
  const names = new Map<string, { readonly name: string | null; readonly until: number }>();
  return {
    async labelOf(request, status) {
      if (context.keys.length === 0 && context.governance === undefined) return null;
      const presented = presentedKey(request.headers);
      if (presented === undefined || status === 401) return null;
      if (context.keys.length > 0) {
        const key = findVirtualKey(context.keys, presented);
        if (key !== undefined) return key.name;
      }
      const governance = context.governance;
      if (governance === undefined) return null;
      const digest = createHash('sha256').update(presented).digest('base64url');
      const remembered = names.get(digest);
      if (remembered !== undefined && now() < remembered.until) return remembered.name;
      let name: string | null = null;
      try {
        const authenticated = await governance.store.authenticate(presented);
        name = authenticated.status === 'ok' ? authenticated.key.name : null;
      } catch {
        // a store that cannot answer leaves the row unnamed; the call itself was answered already
        return null;
      }
      names.delete(digest);
      if (names.size >= MAX_REMEMBERED_KEY_NAMES) names.delete(names.keys().next().value as string);
      names.set(digest, { name, until: now() + KEY_NAME_TTL_MS });
      return name;
    },
  };
}
