import type { Candidate, ProviderSelector } from '../contracts/provider-selector.js';
import { filterEligible } from './filter-eligible.js';

/**
 * Orders healthy candidates by their moving-average latency (from the hub's live stats), fastest
 * first. Candidates not measured yet go first, so every target gets measured.
 */
export function lowestLatencySelector(): ProviderSelector {
  return {
    name: 'lowest-latency',
    select(candidates, _request, needs) {
      const eligible = filterEligible(candidates, needs);
      const latency = (candidate: Candidate): number => candidate.stats.latencyMs ?? -1;
      return stableSortHealthyFirst(eligible, (a, b) => latency(a) - latency(b));
    },
  };
}

/** Sorts healthy candidates by `compare` and keeps unhealthy ones last in their order. */
export function stableSortHealthyFirst(
  eligible: readonly Candidate[],
  compare: (a: Candidate, b: Candidate) => number,
): Candidate[] {
  const healthy = eligible.filter((candidate) => candidate.stats.healthy);
  const unhealthy = eligible.filter((candidate) => !candidate.stats.healthy);
  return [...healthy.sort(compare), ...unhealthy];
}
