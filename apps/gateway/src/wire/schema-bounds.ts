import { z } from 'zod';
import { REQUEST_LIMITS, type RequestLimits } from './request-limits.js';

type LimitName = keyof RequestLimits;

/** Marks an issue as a size bound: it is answered with 413 and names the limit. */
export const LIMIT_PARAM = 'gatewayLimit';

/** An array of at most the named limit's items; more is a 413 naming the limit. */
export function boundedArray<Item extends z.ZodType>(item: Item, limit: LimitName) {
  const maximum = REQUEST_LIMITS[limit];
  return z.array(item).max(maximum, { error: `has more than ${maximum} items (limit ${limit})` });
}

/** A string of at most the named limit's characters; longer is a 400 naming the limit. */
export function boundedString(limit: LimitName) {
  const maximum = REQUEST_LIMITS[limit];
  return z.string().max(maximum, { error: `is longer than ${maximum} characters (limit ${limit})` });
}

/** An identifier: a non-empty string of at most `maxIdentifierLength` characters. */
export const identifier = boundedString('maxIdentifierLength').min(1, { error: 'must not be empty' });

/**
 * A JSON object with at most `maxMapEntries` keys, each at most `maxIdentifierLength`
 * characters; values are checked by `value`.
 */
export function boundedMap<Value extends z.ZodType>(value: Value) {
  const maximum = REQUEST_LIMITS.maxMapEntries;
  return z
    .record(boundedString('maxIdentifierLength'), value)
    .refine((map) => Object.keys(map).length <= maximum, {
      error: `has more than ${maximum} keys (limit maxMapEntries)`,
      params: { [LIMIT_PARAM]: 'maxMapEntries' },
    });
}
