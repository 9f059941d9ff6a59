/** What a gateway part keeps in Redis: the response cache, the route limits, the virtual-key limits. */
export type RedisComponentName = 'cache' | 'rate_limit' | 'virtual_keys';

/**
 * Counters of one Redis-backed part since the gateway started, read at scrape time. A part
 * reports the ones it has: limiters the admissions and refusals, the cache its degraded lookups
 * and dropped writes.
 */
export interface RedisComponentCounters {
  /** Operations Redis did not complete (unreachable, too slow, or an error reply). */
  readonly failures: number;
  /** Of those, the ones given up after the part's command timeout. */
  readonly timeouts: number;
  /** Limit checks admitted without Redis (`limitsFailMode: open`). */
  readonly failOpenAdmissions?: number;
  /** Limit checks refused without a decision from Redis (answered 429). */
  readonly unavailableRefusals?: number;
  /** Cache reads answered as a miss because Redis failed. */
  readonly degradedLookups?: number;
  /** Cache writes dropped because Redis failed. */
  readonly droppedWrites?: number;
}

/** One Redis-backed part of the gateway, as metrics see it. */
export interface RedisComponent {
  readonly name: RedisComponentName;
  /** `down` from the moment Redis was found unreachable until it answers again. */
  state(): 'up' | 'down';
  /** How often the part went `down` and came back `up` (one each per transition). */
  readonly transitions: { readonly down: number; readonly up: number };
  counters(): RedisComponentCounters;
}
