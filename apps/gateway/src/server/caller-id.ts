import type { Caller } from '../governance/caller.js';

/**
 * A stable id of the caller's key, for what a caller owns between requests (the Responses API's
 * stored responses): `config:<name>` for a config-file key, `key:<id>` for a database key (its
 * id survives rotations), undefined on an open gateway.
 */
export function callerIdOf(caller: Caller): string | undefined {
  switch (caller.kind) {
    case 'open':
      return undefined;
    case 'config':
      return `config:${caller.key.name}`;
    case 'database':
      return `key:${caller.authenticated.key.id}`;
  }
}
