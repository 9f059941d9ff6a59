import type { ProviderSelector } from '../contracts/provider-selector.js';
import { filterEligible } from './filter-eligible.js';

/**
 * Starts each request at the next candidate in turn, keeping the rest in route order behind it
 * as fallbacks. One counter per selector instance; unhealthy candidates stay last.
 */
export function roundRobinSelector(): ProviderSelector {
  let turn = 0;
  return {
    name: 'round-robin',
    select(candidates, _request, needs) {
      const eligible = filterEligible(candidates, needs);
      const healthyCount = eligible.filter((candidate) => candidate.stats.healthy).length;
      if (healthyCount < 2) return eligible;
      const start = turn++ % healthyCount;
      if (turn >= Number.MAX_SAFE_INTEGER) turn = 0;
      const healthy = eligible.slice(0, healthyCount);
      return [...healthy.slice(start), ...healthy.slice(0, start), ...eligible.slice(healthyCount)];
    },
  };
}
