import type { StoreChange } from '../model/store-change.js';

const KINDS = new Set(['key', 'team']);
const ACTIONS = new Set(['created', 'updated', 'revoked', 'rotated', 'deleted']);

/**
 * Local subscribers to key and team changes, and the NOTIFY payload format shared by every store
 * on a database: `<origin instance>|<kind>|<action>|<id>`. The origin lets a store ignore the echo
 * of its own changes, which it applied already when it made them.
 */
export class ChangeFeed {
  /** Whether notifications are being received now. */
  listening = false;
  private readonly listeners = new Set<(change: StoreChange) => void>();

  constructor(
    readonly instanceId: string,
    private readonly report: (error: Error) => void,
  ) {}

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Tells every listener; a listener that throws is reported, never allowed to stop the others. */
  emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.report(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  /** The payload announcing `change` (never `resync`, which is local). */
  encode(change: Exclude<StoreChange, { kind: 'resync' }>): string {
    return `${this.instanceId}|${change.kind}|${change.action}|${change.id}`;
  }

  /** The change in a payload from another store; undefined for our own echo or anything malformed. */
  decode(payload: string): Exclude<StoreChange, { kind: 'resync' }> | undefined {
    const [origin, kind, action, id, extra] = payload.split('|');
    if (origin === this.instanceId || extra !== undefined || id === undefined || id === '') return undefined;
    if (!KINDS.has(kind as string) || !ACTIONS.has(action as string)) return undefined;
    return { kind, action, id } as Exclude<StoreChange, { kind: 'resync' }>;
  }
}
