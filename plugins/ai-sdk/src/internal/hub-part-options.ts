import { HUB_KEY } from './hub-key.js';
import { isRecord } from './is-record.js';

/** The `hub` entry of a prompt part's or message's `providerOptions`, or an empty object. */
export function hubPartOptions(providerOptions: unknown): Record<string, unknown> {
  if (!isRecord(providerOptions)) return {};
  const entry = providerOptions[HUB_KEY];
  return isRecord(entry) ? entry : {};
}

/** `value` when it is a string, otherwise undefined. */
export const stringOrUndefined = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
