/**
 * A change to a key or team, seen by every store on the database (through LISTEN/NOTIFY on
 * PostgreSQL), or `resync` when this store may have missed changes (its notification connection
 * was re-established) and anything cached from the database should be reloaded.
 */
export type StoreChange =
  | {
      readonly kind: 'key';
      readonly id: string;
      readonly action: 'created' | 'updated' | 'revoked' | 'rotated' | 'deleted';
    }
  | { readonly kind: 'team'; readonly id: string; readonly action: 'created' | 'updated' | 'deleted' }
  | { readonly kind: 'resync' };
