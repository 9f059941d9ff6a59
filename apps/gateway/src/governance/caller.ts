import type { AuthenticatedKey } from '@hub/store-postgres';
import type { VirtualKey } from '../security/virtual-keys.js';

/**
 * Who is calling, once the presented key was checked:
 *
 * - `open`: no keys anywhere (no config-file keys, no database): local use, everything allowed;
 * - `config`: a config-file virtual key (model list and requests per minute, no budget);
 * - `database`: a database key, with its team (model lists, budgets, requests and tokens per minute).
 */
export type Caller =
  | { readonly kind: 'open' }
  | { readonly kind: 'config'; readonly key: VirtualKey }
  | { readonly kind: 'database'; readonly authenticated: AuthenticatedKey };

/** The caller of an open gateway. */
export const OPEN_CALLER: Caller = Object.freeze({ kind: 'open' });
