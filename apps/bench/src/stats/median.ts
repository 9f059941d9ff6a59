import { percentile } from './percentile.js';

/**
 * The median of a few values (repeated measurement rounds), by nearest rank: with an even count
 * it is the lower middle value, so the result is always a measured round.
 *
 * @returns The median, or `NaN` for no values.
 */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((left, right) => left - right),
    0.5,
  );
}
