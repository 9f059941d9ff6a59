import type { Candidate, ProviderSelector } from '../contracts/provider-selector.js';
import { filterEligible } from './filter-eligible.js';

/** Options of `weightedSelector`. */
export interface WeightedSelectorOptions {
  /** Random source in [0, 1); injectable for deterministic tests. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Orders candidates by weighted random sampling without replacement: a candidate with weight 3
 * comes first three times as often as one with weight 1. Weights come from the route.
 */
export function weightedSelector(options: WeightedSelectorOptions = {}): ProviderSelector {
  const random = options.random ?? Math.random;
  return {
    name: 'weighted',
    select(candidates, _request, needs) {
      const eligible = filterEligible(candidates, needs);
      const pool = eligible.filter((candidate) => candidate.stats.healthy && candidate.weight > 0);
      const ordered: Candidate[] = [];
      let total = pool.reduce((sum, candidate) => sum + candidate.weight, 0);
      while (pool.length > 0) {
        let pick = random() * total;
        let index = 0;
        while (index < pool.length - 1 && pick >= (pool[index] as Candidate).weight) {
          pick -= (pool[index] as Candidate).weight;
          index++;
        }
        const [chosen] = pool.splice(index, 1) as [Candidate];
        total -= chosen.weight;
        ordered.push(chosen);
      }
      for (const candidate of eligible) if (!ordered.includes(candidate)) ordered.push(candidate);
      return ordered;
    },
  };
}
