import type { ProviderSelector } from '../contracts/provider-selector.js';
import { filterEligible } from './filter-eligible.js';

/** Tries candidates in the order the route lists them. The hub's default selector. */
export function prioritySelector(): ProviderSelector {
  return { name: 'priority', select: (candidates, _request, needs) => filterEligible(candidates, needs) };
}
