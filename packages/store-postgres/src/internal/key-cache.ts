import type { AuthenticatedKey } from '../model/authentication.js';

/** What the database said about one secret's hash. */
export interface KeyLookup {
  /** The key and team as loaded; undefined when no key has this secret. */
  readonly authenticated: AuthenticatedKey | undefined;
  /** When this secret stops authenticating (rotated away, ms); null while it is current. */
  readonly secretRevokedAt: number | null;
  /** The store clock when it was loaded. */
  readonly loadedAt: number;
}

/**
 * Key lookups by secret hash, bounded: at most `size` known secrets and, separately, `size`
 * unknown ones (so a flood of random keys cannot evict real ones). Eviction is oldest-inserted
 * first. Invalidation bumps `generation`, and a lookup that started before an invalidation is not
 * cached when it returns: it may hold what the invalidation replaced.
 */
export class KeyCache {
  generation = 0;
  private readonly known = new Map<string, KeyLookup>();
  private readonly unknown = new Map<string, KeyLookup>();

  constructor(private readonly size: number) {}

  get count(): number {
    return this.known.size + this.unknown.size;
  }

  get(hash: string): KeyLookup | undefined {
    return this.known.get(hash) ?? this.unknown.get(hash);
  }

  /** Caches `lookup` unless something was invalidated since `generation` was read. */
  set(hash: string, lookup: KeyLookup, generation: number): void {
    if (generation !== this.generation) return;
    const map = lookup.authenticated === undefined ? this.unknown : this.known;
    // a secret lives in one map only: `get` reads `known` first, so an older answer left there
    // would shadow a newer "no such key" (a key deleted while its change went unheard)
    (map === this.known ? this.unknown : this.known).delete(hash);
    map.delete(hash);
    map.set(hash, lookup);
    if (map.size > this.size) {
      const oldest = map.keys().next().value as string;
      map.delete(oldest);
    }
  }

  /** Forgets every secret of key `id` (a linear scan: changes are rare, lookups are not). */
  invalidateKey(id: string): void {
    this.generation++;
    for (const [hash, lookup] of this.known) {
      if (lookup.authenticated?.key.id === id) this.known.delete(hash);
    }
  }

  /** Forgets every key of team `id`. */
  invalidateTeam(id: string): void {
    this.generation++;
    for (const [hash, lookup] of this.known) {
      if (lookup.authenticated?.team?.id === id) this.known.delete(hash);
    }
  }

  /** Forgets unknown secrets (a new key or secret now exists). */
  forgetUnknown(): void {
    this.generation++;
    this.unknown.clear();
  }

  clear(): void {
    this.generation++;
    this.known.clear();
    this.unknown.clear();
  }
}
