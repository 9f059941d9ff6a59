import { ERROR_CODES } from '@hub/core';
import { OTHER_LABEL_VALUE } from '../metric-label-limits.js';

const KNOWN: ReadonlySet<string> = new Set<string>(['success', ...ERROR_CODES]);

/**
 * `outcome` (`success` or an error code) when it is one of the closed set, otherwise `other`: the
 * type says the set is closed, but a plugin written in JavaScript can throw any code.
 */
export function boundedOutcome(outcome: string): string {
  return KNOWN.has(outcome) ? outcome : OTHER_LABEL_VALUE;
}
