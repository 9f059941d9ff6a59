import type { Candidate, ProviderSelector } from '../contracts/provider-selector.js';
import { filterEligible } from './filter-eligible.js';
import { stableSortHealthyFirst } from './lowest-latency-selector.js';

/**
 * Orders healthy candidates by the estimated price of the request (prompt estimate times input
 * price plus `maxTokens`, or 256, times output price), cheapest first. Candidates with unknown
 * prices go last: unknown is not free.
 */
export function lowestCostSelector(): ProviderSelector {
  return {
    name: 'lowest-cost',
    select(candidates, request, needs) {
      const outputTokens = request.maxTokens ?? 256;
      const inputTokens = Math.max(0, needs.minContextTokens - (request.maxTokens ?? 0));
      const price = (candidate: Candidate): number => {
        const pricing = candidate.model?.pricing;
        if (pricing === undefined) return Number.POSITIVE_INFINITY;
        return (inputTokens * pricing.inputPer1k + outputTokens * pricing.outputPer1k) / 1000;
      };
      return stableSortHealthyFirst(filterEligible(candidates, needs), (a, b) => {
        const difference = price(a) - price(b);
        return Number.isNaN(difference) ? 0 : difference;
      });
    },
  };
}
