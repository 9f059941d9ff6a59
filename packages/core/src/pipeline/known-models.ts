import type { Target } from '../contracts/middleware-context.js';
import { targetAddress } from '../hub/target-address.js';

/** The label recorded for a model the hub has no reason to believe exists. */
export const OTHER_MODEL_LABEL = 'other';

/**
 * The models whose ids may appear as metric labels. Model ids come from callers, so labelling
 * every id a client sends would let one client create unbounded metric series; only models the
 * hub has reason to believe in become labels: targets of configured routes, models in a
 * provider's catalog, and models a provider answered a call for. Everything else is labelled
 * `other`.
 *
 * Bound: at most `capacity` addresses; once full, nothing more is learned (the first-learned
 * models are the configured and busiest ones, so freezing beats evicting them).
 */
export class KnownModels {
  readonly #addresses = new Set<string>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Learns a target's model as a label (ignored once the set is full). */
  learn(target: Target): void {
    if (this.#addresses.size >= this.#capacity) return;
    this.#addresses.add(targetAddress(target));
  }

  has(target: Target): boolean {
    return this.#addresses.has(targetAddress(target));
  }

  /** The model label of a target: its id when known, `other` otherwise. */
  labelOf(target: Target): string {
    return this.has(target) ? target.model : OTHER_MODEL_LABEL;
  }
}
