import type { ProviderSelector } from '../contracts/provider-selector.js';
import { ConfigError } from '../errors/config-error.js';
import { lowestCostSelector } from '../selectors/lowest-cost-selector.js';
import { lowestLatencySelector } from '../selectors/lowest-latency-selector.js';
import { prioritySelector } from '../selectors/priority-selector.js';
import { roundRobinSelector } from '../selectors/round-robin-selector.js';
import { weightedSelector } from '../selectors/weighted-selector.js';

/**
 * The selector a hub option names: an instance as given, a plugin-registered one by name, or a
 * built-in (`priority` by default).
 *
 * @throws ConfigError for an unknown name, listing the known ones.
 */
export function resolveSelector(
  choice: ProviderSelector | string | undefined,
  registered: ReadonlyMap<string, ProviderSelector>,
): ProviderSelector {
  if (choice !== undefined && typeof choice !== 'string') return choice;
  const name = choice ?? 'priority';
  const fromPlugin = registered.get(name);
  if (fromPlugin !== undefined) return fromPlugin;
  switch (name) {
    case 'priority':
      return prioritySelector();
    case 'round-robin':
      return roundRobinSelector();
    case 'weighted':
      return weightedSelector();
    case 'lowest-latency':
      return lowestLatencySelector();
    case 'lowest-cost':
      return lowestCostSelector();
    default:
      throw new ConfigError(
        `Unknown selector "${name}": use priority, round-robin, weighted, lowest-latency, lowest-cost or one a plugin registers (${[...registered.keys()].join(', ') || 'none registered'}).`,
        { path: 'selector' },
      );
  }
}
