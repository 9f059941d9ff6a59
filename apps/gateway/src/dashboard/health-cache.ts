import type { Hub, ProviderHealth } from '@hub/core';

/** How long a health answer is reused: the Providers page polls, providers should not feel it. */
export const HEALTH_CACHE_MS = 15_000;
/** Deadline of one round of health checks. */
export const HEALTH_TIMEOUT_MS = 10_000;

/** Provider health for the dashboard; see `createHealthCache`. */
export interface HealthCache {
  /** The providers' health, at most `HEALTH_CACHE_MS` old, and when it was checked (epoch ms). */
  get(): Promise<{ readonly checkedAt: number; readonly providers: readonly ProviderHealth[] }>;
}

/**
 * `hub.health()` at most once per `HEALTH_CACHE_MS` however many browsers poll (one round in
 * flight at a time, shared by every caller), each round bounded by `HEALTH_TIMEOUT_MS`. A round
 * that fails is not cached, so the next poll tries again.
 */
export function createHealthCache(hub: Hub, options: { readonly now?: () => number } = {}): HealthCache {
  const now = options.now ?? Date.now;
  let cached: { readonly checkedAt: number; readonly providers: readonly ProviderHealth[] } | undefined;
  let inFlight:
    | Promise<{ readonly checkedAt: number; readonly providers: readonly ProviderHealth[] }>
    | undefined;
  return {
    get() {
      if (cached !== undefined && now() - cached.checkedAt < HEALTH_CACHE_MS) return Promise.resolve(cached);
      inFlight ??= hub
        .health({ signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) })
        .then((providers) => {
          cached = { checkedAt: now(), providers };
          return cached;
        })
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
  };
}
